/**
 * `GET /v1/sites/:site/visitors/:visitor/score?content=`: the authoritative
 * score, `score()` of `@dwell/score` over the visitor's stored events in the
 * window ending now — the same object the browser's `dwell.score()` returns.
 */
import { Hono } from 'hono';
import { score } from '@dwell/score';
import type { Store } from '../store/store.js';
import type { AppEnv } from '../http/env.js';
import { validate } from '../http/validate.js';
import { visitorParams, visitorScoreQuery } from './params.js';

export function visitorRoutes(store: Store, now: () => number): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/:visitor/score',
    validate('param', visitorParams),
    validate('query', visitorScoreQuery),
    async function getVisitorScore(c) {
      const site = c.get('site')!;
      const { visitor } = c.req.valid('param');
      const { content } = c.req.valid('query');
      const window = { now: now(), windowDays: site.model.windowDays };
      // Waits for the views to hold this visitor's events; a StoreBusyError after the wait is a 503.
      const state = await store.visitorState(site.id, visitor, content, window);
      const { score: value, raw, band, model, signals } = score(state, site.model);
      return c.json({ site: site.id, visitor, content, score: value, raw, band, model, signals });
    },
  );
}
