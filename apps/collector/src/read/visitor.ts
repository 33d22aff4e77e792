/**
 * `GET /v1/sites/:site/visitors/:visitor/score?content=`: the authoritative
 * score, `score()` of `@dwell/score` over the visitor's stored events in the
 * window ending now — the same object the browser's `dwell.score()` returns.
 */
import { Hono } from 'hono';
import { score } from '@dwell/score';
import { StoreBusyError, type Store } from '../store/store.js';
import { problem } from '../http/errors.js';
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
      let state;
      try {
        state = await store.visitorState(site.id, visitor, content, window);
      } catch (error) {
        if (!(error instanceof StoreBusyError)) throw error;
        // The views are too far behind to hold this visitor's events yet: answering now would be wrong.
        c.header('Retry-After', '1');
        return problem(c, 503, 'views_behind', 'the score is not up to date yet: ask again');
      }
      const { score: value, raw, band, model, signals } = score(state, site.model);
      return c.json({ site: site.id, visitor, content, score: value, raw, band, model, signals });
    },
  );
}
