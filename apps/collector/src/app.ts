/**
 * The collector's HTTP app: every route and middleware, with its collaborators
 * (sites, store, clock) passed in, so tests drive it with `app.request()`.
 */
import { existsSync } from 'node:fs';
import { Hono } from 'hono';
import { silentLogger, type Logger } from './log.js';
import type { Sites } from './sites.js';
import type { Store } from './store/store.js';
import { dashboardRoutes } from './service/dashboard.js';
import { docs } from './service/docs.js';
import { demoSite, DEMO_DIR } from './service/demoSite.js';
import type { AppEnv } from './http/env.js';
import { errorHandler } from './http/errorHandler.js';
import { problem } from './http/errors.js';
import { health } from './service/health.js';
import { nosniff } from './http/nosniff.js';
import { openapi } from './service/openapi.js';
import { RequestCounts } from './http/requestCounts.js';
import { requestLog } from './http/requestLog.js';
import { validate } from './http/validate.js';
import { SDK_BUNDLE_PATH, sdkBundle, sdkQuery } from './service/sdkBundle.js';
import { RateLimiter } from './ingest/rateLimit.js';
import { eventsRoute } from './ingest/route.js';
import { readRoutes } from './read/routes.js';
import { ModelChanges } from './review/modelChanges.js';

export interface AppOptions {
  sites: Sites;
  store: Store;
  logger?: Logger;
  limiter?: RateLimiter;
  /** Take the client address from `X-Forwarded-For`. */
  trustProxy?: boolean;
  /** The server clock, ms; tests set it. */
  now?: () => number;
  /** The SDK bundle served as `/dwell.js`. */
  sdkPath?: string;
  /** The built dashboard served under `/dashboard`. */
  dashboardDir?: string;
  /** The demo pages served under `/demo/` when the site `demo` exists; `null`: none. */
  demoDir?: string | null;
  /** Server errors and aborted uploads since start, for `/healthz`; tests read them. */
  counts?: RequestCounts;
  /** The sites' active models (`review/modelChanges.ts`); by default one over `sites` and `store`. */
  models?: ModelChanges;
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { sites, store, logger = silentLogger, trustProxy = false, now = Date.now } = options;
  const counts = options.counts ?? new RequestCounts();
  const app = new Hono<AppEnv>();
  app.use('*', requestLog(logger));
  app.use('*', nosniff());

  const limiter = options.limiter ?? new RateLimiter();
  app.route('/v1/events', eventsRoute({ sites, store, limiter, logger, trustProxy, now }));
  const models = options.models ?? new ModelChanges(sites, store, logger);
  app.route('/v1/sites', readRoutes(sites, store, models, now));
  app.get('/v1/openapi.json', openapi());
  app.get('/docs', docs());
  app.get('/dwell.js', validate('query', sdkQuery), sdkBundle(sites, options.sdkPath ?? SDK_BUNDLE_PATH));
  app.get('/healthz', health(store, logger, counts));
  dashboardRoutes(app, options.dashboardDir);

  const demoDir = options.demoDir === undefined ? DEMO_DIR : options.demoDir;
  if (demoDir && sites.get('demo') && existsSync(demoDir)) {
    app.get('/demo', (c) => c.redirect('/demo/'));
    app.get('/demo/*', demoSite(demoDir));
  }

  app.get('/', function describeService(c) {
    return c.json({
      service: 'dwell collector',
      openapi: '/v1/openapi.json',
      script: '/dwell.js',
      dashboard: '/dashboard',
    });
  });
  app.notFound((c) => problem(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`));
  app.onError(errorHandler(logger, counts));
  return app;
}
