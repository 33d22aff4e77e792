/**
 * `GET /v1/sites/:site/signals?content=`: what each signal of the model adds
 * to one content's score, on average per reader — why it scores what it
 * scores. Each reader active in the range is scored with `@dwell/score`, and
 * the points of each signal are averaged; `share` is the signal's part of the
 * raw points on the 0–100 scale (Σ of the positive and negative parts is the
 * mean score, before the floor at 0 of each reader).
 */
import { Hono } from 'hono';
import { score, type EngagementState, type Model } from '@dwell/score';
import type { Store } from '../store/store.js';
import { isoDay } from '../days.js';
import type { AppEnv } from '../http/env.js';
import { validate } from '../http/validate.js';
import { signalsQuery, siteParams } from './params.js';
import { queryOf } from './query.js';

export interface SignalContribution {
  signal: string;
  /** Mean points per reader (raw scale). */
  points: number;
  /** The same on the 0–100 score scale. */
  score_points: number;
  /** Readers for whom the signal gave any points. */
  readers: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The model's signals by mean contribution per reader, largest magnitude first. */
export function signalContributions(states: readonly EngagementState[], model: Model): SignalContribution[] {
  const sums = new Map(Object.keys(model.signals).map((name) => [name, { points: 0, readers: 0 }]));
  for (const state of states) {
    for (const [name, points] of Object.entries(score(state, model).signals)) {
      const sum = sums.get(name);
      if (!sum || !points) continue;
      sum.points += points;
      sum.readers += 1;
    }
  }
  const readers = states.length || 1;
  return [...sums]
    .map(([signal, sum]) => ({
      signal,
      points: round2(sum.points / readers),
      score_points: round2((sum.points / readers) * (100 / model.max)),
      readers: sum.readers,
    }))
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || (a.signal < b.signal ? -1 : 1));
}

export function signalsRoutes(store: Store, now: () => number): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/',
    validate('param', siteParams),
    validate('query', signalsQuery),
    async function getSignals(c) {
      const site = c.get('site')!;
      const { content, ...range } = c.req.valid('query');
      const query = queryOf(c, site, range, now());
      if (query instanceof Response) return query;
      const states = await store.readerStates(query, content);
      return c.json({
        site: site.id,
        model: site.version,
        content,
        from: isoDay(query.range.from),
        to: isoDay(query.range.to),
        readers: states.length,
        signals: signalContributions(states, site.model),
      });
    },
  );
}
