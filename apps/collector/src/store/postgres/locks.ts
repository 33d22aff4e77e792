/**
 * Advisory lock keys. Named locks use the two-int form under one namespace,
 * so they never collide with the one-bigint keys of the pair locks (`pairs.ts`),
 * which PostgreSQL keeps in a separate key space.
 */

/** "dwll" */
const NAMESPACE = 0x64776c6c;

export const LOCKS = {
  /** Held while migrating: collectors starting together migrate one at a time. */
  migrations: [NAMESPACE, 1] as [number, number],
  /** Held while creating or dropping partitions. */
  partitions: [NAMESPACE, 2] as [number, number],
};

/**
 * The namespace of per-site locks: `pg_advisory_xact_lock(SITE_NAMESPACE, hashtext(site))`.
 * Shared by every transaction that adds to `content_live`, exclusive while it is rebuilt.
 */
export const SITE_NAMESPACE = NAMESPACE + 1;
/** Per-site session lock of the refresh: one collector slides a site's window at a time. */
export const REFRESH_NAMESPACE = NAMESPACE + 2;
/**
 * Per-reader locks of the reader views: `pg_advisory_xact_lock(READER_NAMESPACE, hashtext(site, visitor))`,
 * taken after the pair locks and in sorted order, so no two folds wait in a cycle.
 */
export const READER_NAMESPACE = NAMESPACE + 3;
