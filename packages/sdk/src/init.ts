/**
 * `init()` of the ESM package: tracking scored with the default models, then
 * with the ones an earlier page kept in the store, then with the site's
 * once fetched from the collector.
 */
import { DEFAULT_SITE_MODEL, fetchModels } from './models.js';
import { start, useModels, type DwellOptions } from './tracker.js';

/** Starts Dwell on this page; once. */
export function init(config: DwellOptions): void {
  start(config, {
    models: DEFAULT_SITE_MODEL,
    refresh(kept) {
      if (kept) useModels(kept, true);
      void fetchModels(config.endpoint, config.site).then((models) => models && useModels(models));
    },
  });
}
