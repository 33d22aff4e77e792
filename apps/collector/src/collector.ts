/**
 * A running collector: the store, the HTTP server, and the timer that slides
 * each site's window; `close()` stops taking requests, lets the ones in
 * flight finish, then closes the store.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import type { CollectorConfig } from './config.js';
import type { Logger } from './log.js';
import { defaultReaderQuery } from './read/readerSegments.js';
import { MODEL_SYNC_INTERVAL_MS, ModelChanges } from './review/modelChanges.js';
import { Sites } from './sites.js';
import { PostgresStore } from './store/postgres/postgresStore.js';
import { SqliteStore } from './store/sqlite/sqliteStore.js';
import type { Store } from './store/store.js';

/** How often each site's window slides (readers whose old days left the window are re-scored). */
export const REFRESH_INTERVAL_MS = 15 * 60_000;

/** How long `close()` waits for requests in flight before closing their connections. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface Collector {
  port: number;
  store: Store;
  close(): Promise<void>;
}

async function refreshSites(sites: Sites, store: Store, logger: Logger): Promise<void> {
  for (const site of sites.all()) {
    const report = await store.refresh(site.id, site.model, Date.now());
    if (report.modelChanged) {
      logger.info(`site ${site.id}: model changed to ${site.version}, re-scored ${report.rescored} readers`);
    }
    // The default reader comparison's view is made for a new day by its first read: this one, not an editor's.
    await store.readerSegments(defaultReaderQuery(site, Date.now(), 0));
  }
}

/** PostgreSQL when `DWELL_DATABASE_URL` is set, else the embedded SQLite store. */
export function openStore(config: CollectorConfig, sites: Sites, logger: Logger): Promise<Store> {
  const models = new Map(sites.all().map((site) => [site.id, site.model]));
  const readers = new Map(sites.all().map((site) => [site.id, site.readerModel]));
  if (!config.databaseUrl)
    return Promise.resolve(new SqliteStore(config.dataDir, { models, readers, lagBound: config.lagBound }));
  return PostgresStore.open({
    url: config.databaseUrl,
    retentionMonths: config.retentionMonths,
    logger,
    models,
    readers,
    lagBound: config.lagBound,
    ...(config.stream && { stream: config.stream }),
  });
}

export async function startCollector(config: CollectorConfig, logger: Logger): Promise<Collector> {
  const sites = new Sites(config.sites);
  const store = await openStore(config, sites, logger);
  const models = new ModelChanges(sites, store, logger);
  // The active models (the config's, or those applied since), scored with and refreshed.
  await models.start(Date.now());
  let refreshing: Promise<void> = Promise.resolve();
  const every = (intervalMs: number, what: string, work: () => Promise<void>) => {
    const timer = setInterval(() => {
      refreshing = refreshing.then(work).catch((error: unknown) => logger.error(`${what} failed`, error));
    }, intervalMs);
    timer.unref();
    return timer;
  };
  const timers = [
    every(REFRESH_INTERVAL_MS, 'refreshing the sites', () => refreshSites(sites, store, logger)),
    // Another collector of the same database may apply models: every collector serves them.
    every(MODEL_SYNC_INTERVAL_MS, 'syncing the models', () => models.sync(Date.now())),
  ];

  const app = createApp({ sites, store, logger, trustProxy: config.trustProxy, models });
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: config.port }, () =>
      resolve(started as Server),
    ) as Server;
    started.once('error', reject);
  });
  server.on('error', (error) => logger.error('server error', error));
  const port = (server.address() as AddressInfo).port;
  const siteList = sites
    .all()
    .map((site) => site.id)
    .join(', ');
  logger.info(
    `dwell collector listening on http://localhost:${port} (sites: ${siteList}; store: ${store.description})`,
  );

  let closing: Promise<void> | undefined;
  return {
    port,
    store,
    close() {
      closing ??= (async () => {
        for (const timer of timers) clearInterval(timer);
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
          // close() stops accepting and waits for requests in flight. Keep-alive
          // connections are closed as soon as they are idle: now, or once their
          // request in flight is answered.
          const idle = setInterval(() => server.closeIdleConnections(), 50);
          server.close(() => {
            clearTimeout(force);
            clearInterval(idle);
            resolve();
          });
          server.closeIdleConnections();
        });
        await refreshing;
        await store.close();
        logger.info('dwell collector stopped');
        logger.flush();
      })();
      return closing;
    },
  };
}
