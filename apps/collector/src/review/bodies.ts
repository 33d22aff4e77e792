/**
 * The request bodies of the review-and-adjust endpoints, and the check of
 * their candidate models against the score package's schema, each at its
 * field's path (`model.signals.share.points`).
 */
import { z } from 'zod';
import { parseModelOf } from '@dwell/score/schema';
import { isEventName, type Model } from '@dwell/score';
import type { Issue } from '@dwell/contract';
import { rangeQuery } from '../read/params.js';

const candidateFields = { model: z.unknown().optional(), reader: z.unknown().optional() };

/** The body of `PUT /model`: either model, or both; each checked by `parseModelOf`. */
export const candidateBody = z
  .strictObject(candidateFields)
  .refine((body) => body.model !== undefined || body.reader !== undefined, {
    message: 'give a model, a reader model, or both',
    path: ['model'],
  });

/** The body of a preview: the candidates (each defaults to the active model) and the range. */
export const previewBody = z.strictObject({ ...candidateFields, ...rangeQuery.shape });

/** Outcomes are looked for this many days after a scoring moment at most. */
export const MAX_OUTCOME_DAYS = 90;

const withinDays = z.number().int().min(1).max(MAX_OUTCOME_DAYS);

/** The body of a calibration: the model scored, the outcome it should predict, and the range. */
export const calibrateBody = z.strictObject({
  scope: z.enum(['content', 'reader']),
  outcome: z.union([
    z.strictObject({ return_within_days: withinDays }),
    z.strictObject({
      event: z.string().refine(isEventName, 'must be a custom event name: 1–64 letters, digits, _ . : or -'),
      within_days: withinDays,
    }),
  ]),
  ...rangeQuery.shape,
});

export type CandidateCheck = { ok: true; model?: Model; reader?: Model } | { ok: false; issues: Issue[] };

/** Validates the candidate models of a body, each at its field's path. */
export function checkCandidates(body: { model?: unknown; reader?: unknown }): CandidateCheck {
  const result: { model?: Model; reader?: Model } = {};
  const issues: Issue[] = [];
  for (const [field, kind] of [
    ['model', 'content'],
    ['reader', 'reader'],
  ] as const) {
    if (body[field] === undefined) continue;
    const parsed = parseModelOf(body[field], kind);
    if (parsed.ok) result[field] = parsed.model;
    else
      issues.push(
        ...parsed.issues.map((issue) => ({
          ...issue,
          path: `${field}${issue.path ? `.${issue.path}` : ''}`,
        })),
      );
  }
  return issues.length ? { ok: false, issues } : { ok: true, ...result };
}
