/**
 * The read API under `/v1/sites/:site`: the public model, and behind a read
 * key the ranked content, one content item, and a visitor's score.
 */
import { Hono } from 'hono';
import type { Sites } from '../sites.js';
import type { Store } from '../store/store.js';
import { readCors } from '../http/cors.js';
import type { AppEnv } from '../http/env.js';
import { readAuth } from '../http/readAuth.js';
import { validate } from '../http/validate.js';
import { contentRoutes } from './content.js';
import { modelHandler } from './model.js';
import { siteParams } from './params.js';
import { visitorRoutes } from './visitor.js';

export function readRoutes(sites: Sites, store: Store, now: () => number): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:site/model', validate('param', siteParams), modelHandler(sites));
  app.use('/:site/*', readCors(sites));
  app.use('/:site/content/*', readAuth(sites));
  app.use('/:site/content', readAuth(sites));
  app.use('/:site/visitors/*', readAuth(sites));
  app.route('/:site/content', contentRoutes(store, now));
  app.route('/:site/visitors', visitorRoutes(store, now));
  return app;
}
