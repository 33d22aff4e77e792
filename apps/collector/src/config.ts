/**
 * Configuration from the environment, validated at start: a bad value stops
 * the collector with a message that names it, before anything listens.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MODEL, DEFAULT_READER_MODEL, type Model } from '@dwell/score';
import type { Issue } from '@dwell/contract';
import { formatIssues, parseModelOf } from '@dwell/score/schema';
import { DEVELOPMENT_ORIGINS, isOriginPattern } from './origins.js';
import { SITE_ID, type RateLimit, type SiteOptions } from './sites.js';
import { DEFAULT_LAG_BOUND, type LagBound } from './store/store.js';
import { streamOptionsOf, type StreamOptions } from './store/jetstream/streamOptions.js';

export interface CollectorConfig {
  port: number;
  /** Directory of the SQLite database. */
  dataDir: string;
  /** PostgreSQL instead of SQLite: a `postgres://` connection URL. */
  databaseUrl?: string;
  /** PostgreSQL: raw events are kept this many whole months before the current one; 0 keeps them all. */
  retentionMonths: number;
  sites: SiteOptions[];
  /** Serving the built-in development site `demo` (no `DWELL_CONFIG`). */
  development: boolean;
  /** Take the client address from `X-Forwarded-For` (behind a reverse proxy). */
  trustProxy: boolean;
  /** How far the views may fall behind the log before ingest answers 503. */
  lagBound: LagBound;
  /** Ingest publishes to a JetStream stream (`DWELL_NATS_URL`), folded into PostgreSQL by materializers. */
  stream?: StreamOptions;
}

/** Default port: DESIGN.md's `http://localhost:8787`. */
export const DEFAULT_PORT = 8787;
/** Default data directory, relative to the working directory. */
export const DEFAULT_DATA_DIR = './data';
/** Default rate limit per site and client: ample for an SDK that batches every few seconds, even behind a NAT. */
export const DEFAULT_RATE_LIMIT: RateLimit = { perMinute: 600, burst: 100 };
/** The development site: accepted only without a config, never in production. */
export const DEVELOPMENT_SITE = { id: 'demo', readKey: 'demo-read-key', adminKey: 'demo-admin-key' } as const;

/** The shortest month, for the retention check. */
const MONTH_DAYS_MIN = 28;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number, 0–65535')
  .transform(Number)
  .refine((value) => value <= 65_535, 'must be a port number, 0–65535');

const envSchema = z.object({
  PORT: port.optional(),
  DWELL_DATA_DIR: z.string().optional(),
  DWELL_CONFIG: z.string().optional(),
  DWELL_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL, postgres://user@host:port/database')
    .optional(),
  DWELL_RETENTION_MONTHS: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number of months (0 keeps every raw event)')
    .transform(Number)
    .optional(),
  DWELL_RATE_LIMIT: z
    .string()
    .regex(/^\d{1,9}$/, 'must be requests per minute per client, a whole number (0 turns it off)')
    .transform(Number)
    .optional(),
  DWELL_TRUST_PROXY: z.enum(['0', '1', 'false', 'true'], 'must be 1 or 0').optional(),
  DWELL_MAX_LAG_EVENTS: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, 'must be a whole number of events, at least 1')
    .transform(Number)
    .optional(),
  DWELL_MAX_LAG_MS: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, 'must be a whole number of milliseconds, at least 1')
    .transform(Number)
    .optional(),
  NODE_ENV: z.string().optional(),
});

const siteSchema = z.strictObject({
  id: z.string().regex(SITE_ID, 'a site id is 1–64 letters, digits, _ or -'),
  origins: z
    .array(
      z
        .string()
        .transform((origin) => origin.toLowerCase())
        .refine(isOriginPattern, 'not an origin: expected https://host, https://*.host, http://host:* or *'),
    )
    .default([]),
  readKeys: z
    // 16 characters at least, which also keeps the development key (13) out of any config.
    .array(z.string().min(16, 'a read key has at least 16 characters').max(256))
    .min(1, 'a site needs at least one read key'),
  // 16 characters at least, which also keeps the development key (14) out of any config.
  adminKeys: z.array(z.string().min(16, 'an admin key has at least 16 characters').max(256)).default([]),
  model: z.unknown().optional(),
  readerModel: z.unknown().optional(),
  rateLimit: z
    .strictObject({ perMinute: z.number().int().min(0), burst: z.number().int().min(1).max(100_000) })
    .optional(),
});

const fileSchema = z
  .strictObject({ sites: z.array(siteSchema).min(1, 'at least one site') })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const keys = new Set<string>();
    file.sites.forEach((site, index) => {
      if (ids.has(site.id))
        ctx.addIssue({
          code: 'custom',
          path: ['sites', index, 'id'],
          message: `duplicate site id ${site.id}`,
        });
      ids.add(site.id);
      for (const field of ['readKeys', 'adminKeys'] as const) {
        site[field].forEach((key, keyIndex) => {
          if (keys.has(key)) {
            ctx.addIssue({
              code: 'custom',
              path: ['sites', index, field, keyIndex],
              message: 'a key belongs to one site and one role only',
            });
          }
          keys.add(key);
        });
      }
    });
  });

function fail(source: string, issues: Issue[]): never {
  const lines = issues.map((issue) => `${issue.path || '(top level)'}: ${issue.message}`);
  throw new ConfigError(`${source}: ${lines.join('; ')}`);
}

/** Empty variables count as unset: `PORT=` in a shell file means "no port given". */
function present(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}

/** A site's model of `kind`, validated, or the config's error naming the field at `path`. */
function siteModel(source: string, path: string, input: unknown, kind: 'content' | 'reader'): Model {
  const model = parseModelOf(input, kind);
  if (!model.ok) {
    fail(
      source,
      model.issues.map((issue) => ({ ...issue, path: `${path}${issue.path ? `.${issue.path}` : ''}` })),
    );
  }
  return model.model;
}

function loadSites(path: string, fallbackLimit: RateLimit, read: (path: string) => string): SiteOptions[] {
  const source = `DWELL_CONFIG ${path}`;
  let json: unknown;
  try {
    json = JSON.parse(read(path));
  } catch (error) {
    throw new ConfigError(`${source}: cannot read it as JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) fail(source, formatIssues(parsed.error));
  return parsed.data.sites.map((site, index) => ({
    id: site.id,
    origins: site.origins,
    readKeys: site.readKeys,
    adminKeys: site.adminKeys,
    model: siteModel(source, `sites.${index}.model`, site.model ?? DEFAULT_MODEL, 'content'),
    // A reader model may leave out its kind: the field says what it scores (`parseModelOf`).
    readerModel: siteModel(
      source,
      `sites.${index}.readerModel`,
      site.readerModel ?? DEFAULT_READER_MODEL,
      'reader',
    ),
    rateLimit: site.rateLimit ?? fallbackLimit,
  }));
}

/**
 * Event ids are unique only while their raw events are kept, and ingest takes
 * events as old as the longest model window: a retention shorter than that
 * would let a replayed old event count twice.
 */
function checkRetention(months: number, sites: readonly SiteOptions[]): void {
  if (!months) return;
  const longest = Math.max(...sites.map((site) => site.model.windowDays));
  if (months * MONTH_DAYS_MIN < longest + 1) {
    throw new ConfigError(
      `DWELL_RETENTION_MONTHS=${months} is shorter than the longest model window (${longest} days): raw events and their ids must outlive the window, so use at least ${Math.ceil((longest + 1) / MONTH_DAYS_MIN)}`,
    );
  }
}

/** Reads and validates the configuration; throws a `ConfigError` naming the bad variable or field. */
export function loadConfig(
  rawEnv: Record<string, string | undefined>,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): CollectorConfig {
  const parsed = envSchema.safeParse(present(rawEnv));
  if (!parsed.success) fail('environment', formatIssues(parsed.error));
  const env = parsed.data;
  const stream = streamOptionsOf(present(rawEnv));
  if (!stream.ok) fail('environment', formatIssues(stream.error));
  if (stream.options && !env.DWELL_DATABASE_URL) {
    throw new ConfigError(
      'DWELL_NATS_URL needs DWELL_DATABASE_URL: the materializers fold the stream into PostgreSQL, which the collectors read',
    );
  }
  const retentionMonths = env.DWELL_RETENTION_MONTHS ?? 0;
  if (retentionMonths && !env.DWELL_DATABASE_URL) {
    throw new ConfigError(
      'DWELL_RETENTION_MONTHS applies to the PostgreSQL store only (DWELL_DATABASE_URL); the embedded SQLite store keeps every event',
    );
  }
  const production = env.NODE_ENV === 'production';
  const perMinute = env.DWELL_RATE_LIMIT;
  const rateLimit =
    perMinute === undefined
      ? DEFAULT_RATE_LIMIT
      : { perMinute, burst: Math.max(1, Math.ceil(perMinute / 6)) };
  let sites: SiteOptions[];
  if (env.DWELL_CONFIG) {
    sites = loadSites(resolve(env.DWELL_CONFIG), rateLimit, read);
  } else if (production) {
    throw new ConfigError(
      'DWELL_CONFIG is required when NODE_ENV=production: the development site demo and its read key are never served in production',
    );
  } else {
    sites = [
      {
        id: DEVELOPMENT_SITE.id,
        origins: DEVELOPMENT_ORIGINS,
        readKeys: [DEVELOPMENT_SITE.readKey],
        adminKeys: [DEVELOPMENT_SITE.adminKey],
        model: DEFAULT_MODEL,
        readerModel: DEFAULT_READER_MODEL,
        rateLimit,
      },
    ];
  }
  checkRetention(retentionMonths, sites);
  return {
    port: env.PORT ?? DEFAULT_PORT,
    dataDir: resolve(env.DWELL_DATA_DIR ?? DEFAULT_DATA_DIR),
    ...(env.DWELL_DATABASE_URL && { databaseUrl: env.DWELL_DATABASE_URL }),
    retentionMonths,
    sites,
    development: !env.DWELL_CONFIG,
    trustProxy: env.DWELL_TRUST_PROXY === '1' || env.DWELL_TRUST_PROXY === 'true',
    lagBound: {
      maxEvents: env.DWELL_MAX_LAG_EVENTS ?? DEFAULT_LAG_BOUND.maxEvents,
      maxMs: env.DWELL_MAX_LAG_MS ?? DEFAULT_LAG_BOUND.maxMs,
    },
    ...(stream.options && { stream: stream.options }),
  };
}
