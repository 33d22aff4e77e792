/**
 * The read API under `/v1/sites/:site`: the public model, and behind a read
 * key the ranked content, one content item, a visitor's score and reader
 * score, the reader segments, and for the dashboard the site overview, the
 * drops and the signal contributions.
 */
import { Hono } from 'hono';
import type { Sites } from '../sites.js';
import type { Store } from '../store/store.js';
import { readCors } from '../http/cors.js';
import type { AppEnv } from '../http/env.js';
import { readAuth } from '../http/readAuth.js';
import { validate } from '../http/validate.js';
import { contentRoutes } from './content.js';
import { dropsRoutes } from './drops.js';
import { modelHandler } from './model.js';
import { overviewRoutes } from './overview.js';
import { readersRoutes } from './readers.js';
import { siteParams } from './params.js';
import { signalsRoutes } from './signals.js';
import { viewLagHeader } from './viewLag.js';
import { visitorRoutes } from './visitor.js';
import type { ModelChanges } from '../review/modelChanges.js';
import { modelRoutes } from '../review/modelRoutes.js';

export function readRoutes(
  sites: Sites,
  store: Store,
  changes: ModelChanges,
  now: () => number,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:site/model', validate('param', siteParams), modelHandler(sites));
  app.use('/:site/*', readCors(sites));
  app.use('/:site/content/*', readAuth(sites));
  app.use('/:site/content', readAuth(sites));
  app.use('/:site/visitors/*', readAuth(sites));
  for (const path of ['/:site/overview', '/:site/drops', '/:site/signals', '/:site/readers']) {
    app.use(path, readAuth(sites));
  }
  app.use('/:site/*', viewLagHeader(store, now));
  app.route('/:site/content', contentRoutes(store, now));
  app.route('/:site/overview', overviewRoutes(store, now));
  app.route('/:site/drops', dropsRoutes(store, now));
  app.route('/:site/signals', signalsRoutes(store, now));
  app.route('/:site/visitors', visitorRoutes(store, now));
  app.route('/:site/readers', readersRoutes(store, now));
  app.route('/', modelRoutes(sites, store, changes, now));
  return app;
}
