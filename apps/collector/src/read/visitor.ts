/**
 * `GET /v1/sites/:site/visitors/:visitor/score?content=`: the authoritative
 * score, `score()` of `@dwell/score` over the visitor's stored events in the
 * window ending now — the same object the browser's `dwell.score()` returns.
 * Without `content`, the reader score: the reader model over the visitor's
 * reader state, as `dwell.reader()` computes it.
 */
import { Hono } from 'hono';
import { measure, score, utcDay } from '@dwell/score';
import type { ReaderScore } from '@dwell/contract';
import type { Site } from '../sites.js';
import type { Store } from '../store/store.js';
import type { AppEnv } from '../http/env.js';
import { validate } from '../http/validate.js';
import { visitorParams, visitorScoreQuery } from './params.js';

/** The visitor's authoritative reader score over the reader window ending today. */
async function readerScore(store: Store, site: Site, visitor: string, now: number): Promise<ReaderScore> {
  const model = site.readerModel;
  // Waits for the views to hold this visitor's events, as for a content score.
  const state = await store.readerState(site.id, visitor, utcDay(now), model.windowDays);
  const { score: value, raw, band, signals } = score(state, model);
  return {
    site: site.id,
    visitor,
    score: value,
    raw,
    band,
    model: site.readerVersion,
    signals,
    active_days: measure(state, 'active_days'),
    contents: measure(state, 'contents'),
    engaged_ms: state.engagedMs,
    rating_mean: measure(state, 'ratings') ? Math.round(measure(state, 'rating_mean') * 100) / 100 : null,
    last_seen: state.last === null ? null : new Date(state.last).toISOString(),
  };
}

export function visitorRoutes(store: Store, now: () => number): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/:visitor/score',
    validate('param', visitorParams),
    validate('query', visitorScoreQuery),
    async function getVisitorScore(c) {
      const site = c.get('site')!;
      const { visitor } = c.req.valid('param');
      const { content } = c.req.valid('query');
      if (content === undefined) return c.json(await readerScore(store, site, visitor, now()));
      const window = { now: now(), windowDays: site.model.windowDays };
      // Waits for the views to hold this visitor's events; a StoreBusyError after the wait is a 503.
      const state = await store.visitorState(site.id, visitor, content, window);
      const { score: value, raw, band, model, signals } = score(state, site.model);
      return c.json({ site: site.id, visitor, content, score: value, raw, band, model, signals });
    },
  );
}
