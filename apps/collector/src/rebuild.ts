/**
 * `npm run rebuild` (`node apps/collector/dist/rebuild.js`): empties every
 * view and folds it again from the log, with the configuration of
 * `npm start` (the same environment). Safe beside running collectors: the
 * views' position (SQLite) or the pending rows (PostgreSQL) make each event
 * folded once, whichever materializer takes it; lists read during the
 * rebuild show the views as far as they have come.
 */
import { openStore } from './collector.js';
import { runCommand } from './command.js';
import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { Sites } from './sites.js';

const logger = createLogger();

async function rebuild(): Promise<void> {
  const config = loadConfig(process.env);
  const sites = new Sites(config.sites);
  const store = await openStore(config, sites, logger);
  const started = Date.now();
  logger.info(`dwell rebuild: folding every view again from the log (${store.description})`);
  await store.rebuildViews();
  for (const site of sites.all()) await store.refresh(site.id, site.model, Date.now());
  const { position } = await store.lag(Date.now());
  logger.info(`dwell rebuild: done in ${Date.now() - started} ms (views at log position ${position})`);
  await store.close();
  logger.flush();
}

runCommand('dwell rebuild', 'dwell rebuild failed', logger, rebuild);
