/**
 * The collector's side of the active models: at start each site takes its
 * models from the store's history and the config (`activeModels.ts`);
 * `apply` records new ones, makes the site serve them and has the store
 * score its views again before it resolves; `sync` takes up what another
 * collector of the same database applied.
 */
import { modelVersion } from '@dwell/score';
import type { Logger } from '../log.js';
import type { Sites } from '../sites.js';
import type { Store } from '../store/store.js';
import type { StoredModel } from '../store/siteModels.js';
import { activeModels, changedEntries, modelsAtStart, type SiteModels } from './activeModels.js';

/** How often a collector looks for models another collector of its database applied, ms. */
export const MODEL_SYNC_INTERVAL_MS = 5_000;

export class ModelChanges {
  readonly #sites: Sites;
  readonly #store: Store;
  readonly #logger: Logger;
  /** One change of a site's models at a time, in the order asked. */
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(sites: Sites, store: Store, logger: Logger) {
    this.#sites = sites;
    this.#store = store;
    this.#logger = logger;
  }

  /** Each site's models at start: recorded when the config's are new, then served and scored with. */
  async start(now: number): Promise<void> {
    for (const site of this.#sites.all()) {
      const history = await this.#store.siteModels(site.id);
      const { active, record } = modelsAtStart(
        site.id,
        { model: site.model, reader: site.readerModel },
        history,
        now,
      );
      if (record.length) await this.#store.recordSiteModels(record);
      await this.#use(site.id, active, now);
    }
  }

  /**
   * Applies a site's candidate models (either may be left out): recorded
   * first, so a crash after this still starts with them; served from here
   * on; the views scored again before it resolves. Returns what was recorded
   * (nothing when the versions are the ones active already).
   */
  apply(siteId: string, candidate: Partial<SiteModels>, now: number): Promise<StoredModel[]> {
    return this.#queued(siteId, async () => {
      const site = this.#sites.get(siteId)!;
      const current = { model: site.model, reader: site.readerModel };
      const entries = changedEntries(siteId, current, candidate, now);
      if (!entries.length) return entries;
      await this.#store.recordSiteModels(entries);
      const next = { model: candidate.model ?? current.model, reader: candidate.reader ?? current.reader };
      await this.#use(siteId, next, now);
      return entries;
    });
  }

  /** Takes up the models another collector applied since. */
  async sync(now: number): Promise<void> {
    for (const site of this.#sites.all()) {
      // In the site's queue: a history read before an apply of this process must not undo it after.
      await this.#queued(site.id, async () => {
        const history = await this.#store.siteModels(site.id);
        const active = activeModels(history, { model: site.model, reader: site.readerModel });
        // The history's models are parsed anew at each look: compare versions, not objects.
        if (modelVersion(active.model) === site.version && modelVersion(active.reader) === site.readerVersion)
          return;
        await this.#use(site.id, active, now);
      });
    }
  }

  async #use(siteId: string, models: SiteModels, now: number): Promise<void> {
    const site = this.#sites.get(siteId)!;
    const before = `${site.version}.${site.readerVersion}`;
    this.#sites.setModels(siteId, models.model, models.reader);
    const changed = before !== `${site.version}.${site.readerVersion}`;
    const report = await this.#store.applyModels(siteId, models.model, models.reader, now);
    if (changed || report.modelChanged) {
      this.#logger.info(
        `site ${siteId}: models ${site.version} (content) and ${site.readerVersion} (reader), re-scored ${report.rescored} readers`,
      );
    }
  }

  #queued<T>(siteId: string, work: () => Promise<T>): Promise<T> {
    const next = (this.#queues.get(siteId) ?? Promise.resolve()).then(work, work);
    this.#queues.set(
      siteId,
      next.catch(() => undefined),
    );
    return next;
  }
}
