/**
 * The zod schema of a scoring model. A separate entry point
 * (`@dwell/score/schema`) so that the SDK bundle, which only scores, never
 * contains zod; the collector validates every model it loads with it.
 */
import { z } from 'zod';
import type { Issue } from '@dwell/contract';
import { MEASURES, type Measure, type Model } from './model.js';
import { isEventName } from './names.js';

export const measureSchema = z.custom<Measure>(
  (value) =>
    typeof value === 'string' &&
    ((MEASURES as readonly string[]).includes(value) ||
      (value.startsWith('custom:') && isEventName(value.slice(7)))),
  { message: `unknown measure: expected one of ${MEASURES.join(', ')} or custom:<event name>` },
);

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const signalSchema = z.strictObject({
  measure: measureSchema,
  per: finite.positive().optional(),
  points: finite,
  cap: finite.nonnegative().optional(),
  below: z.record(z.string(), finite).optional(),
});

export const bandSchema = z.strictObject({
  min: finite.nonnegative(),
  label: z.string().min(1).max(64),
});

const NAME = /^[a-z][\w-]{0,31}$/i;

export const modelSchema = z
  .strictObject({
    signals: z.record(z.string().regex(NAME, 'signal names are 1–32 letters, digits, _ or -'), signalSchema),
    max: finite.positive(),
    bands: z.record(z.string().regex(NAME, 'band names are 1–32 letters, digits, _ or -'), bandSchema),
    windowDays: z.number().int().min(1).max(3650),
    sessionTimeoutMinutes: z.number().int().min(1).max(1440),
  })
  .superRefine((model, ctx) => {
    if (Object.keys(model.signals).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['signals'], message: 'a model needs at least one signal' });
    }
    if (Object.keys(model.bands).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['bands'], message: 'a model needs at least one band' });
    }
    for (const [name, signal] of Object.entries(model.signals)) {
      for (const bound of Object.keys(signal.below ?? {})) {
        if (!measureSchema.safeParse(bound).success) {
          ctx.addIssue({
            code: 'custom',
            path: ['signals', name, 'below', bound],
            message: `unknown measure: ${bound}`,
          });
        }
      }
    }
  }) satisfies z.ZodType<Model>;

/** zod issues as `{ path, message }` pairs, the shape every Dwell error uses. */
export function formatIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export type ModelParseResult = { ok: true; model: Model } | { ok: false; issues: Issue[] };

/** Validates an unknown value as a model. */
export function parseModel(input: unknown): ModelParseResult {
  const result = modelSchema.safeParse(input);
  return result.success
    ? { ok: true, model: result.data as Model }
    : { ok: false, issues: formatIssues(result.error) };
}
