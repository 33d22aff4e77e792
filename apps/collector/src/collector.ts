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
  });
}

export async function startCollector(config: CollectorConfig, logger: Logger): Promise<Collector> {
  const sites = new Sites(config.sites);
  const store = await openStore(config, sites, logger);
  await refreshSites(sites, store, logger);
  let refreshing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    refreshing = refreshing
      .then(() => refreshSites(sites, store, logger))
      .catch((error: unknown) => logger.error('refreshing the sites failed', error));
  }, REFRESH_INTERVAL_MS);
  timer.unref();

  const app = createApp({ sites, store, logger, trustProxy: config.trustProxy });
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
        clearInterval(timer);
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
