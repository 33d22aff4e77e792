/**
 * The zod schema of a scoring model. A separate entry point
 * (`@dwell/score/schema`) so that the SDK bundle, which only scores, never
 * contains zod; the collector validates every model it loads with it.
 */
import { z } from 'zod';
import type { Issue } from '@dwell/contract';
import { MEASURES, READER_MEASURES, type Measure, type Model } from './model.js';
import { isEventName } from './names.js';

/** Whether `value` names a measure of the states that models of `kind` score. */
function isMeasure(value: unknown, kind: Model['kind']): boolean {
  const builtIn: readonly string[] = kind === 'reader' ? READER_MEASURES : MEASURES;
  return (
    typeof value === 'string' &&
    (builtIn.includes(value) || (value.startsWith('custom:') && isEventName(value.slice(7))))
  );
}

const unknownMeasure = (kind: Model['kind'], name: string) =>
  `unknown ${kind ?? 'content'} measure: ${name}; expected one of ${(kind === 'reader' ? READER_MEASURES : MEASURES).join(', ')} or custom:<event name>`;

/** Any measure of either kind; each model's own are checked against its `kind` below. */
export const measureSchema = z.custom<Measure>(
  (value) => isMeasure(value, 'content') || isMeasure(value, 'reader'),
  {
    message: `unknown measure: expected one of ${[...new Set([...MEASURES, ...READER_MEASURES])].join(', ')} or custom:<event name>`,
  },
);

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const signalSchema = z.strictObject({
  measure: measureSchema,
  per: finite.positive().optional(),
  points: finite,
  cap: finite.nonnegative().optional(),
  below: z.record(z.string(), finite).optional(),
  atLeast: z.record(z.string(), finite).optional(),
  atMost: z.record(z.string(), finite).optional(),
});

/** The bounds a signal may set. */
const BOUNDS = ['below', 'atLeast', 'atMost'] as const;

export const bandSchema = z.strictObject({
  min: finite.nonnegative(),
  label: z.string().min(1).max(64),
});

const NAME = /^[a-z][\w-]{0,31}$/i;

export const modelSchema = z
  .strictObject({
    kind: z.enum(['content', 'reader']).optional(),
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
      if (!isMeasure(signal.measure, model.kind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['signals', name, 'measure'],
          message: unknownMeasure(model.kind, signal.measure),
        });
      }
      for (const key of BOUNDS) {
        for (const bound of Object.keys(signal[key] ?? {})) {
          if (!isMeasure(bound, model.kind)) {
            ctx.addIssue({
              code: 'custom',
              path: ['signals', name, key, bound],
              message: unknownMeasure(model.kind, bound),
            });
          }
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

/**
 * Validates an unknown value as a model of `kind`, where the place it is
 * given in says the kind (a config's `readerModel`, a request's `reader`): a
 * model that leaves its kind out is of that kind, one that names the other
 * kind is refused at `kind` first (else each of its measures would fail).
 */
export function parseModelOf(input: unknown, kind: 'content' | 'reader'): ModelParseResult {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return parseModel(input);
  const given = (input as { kind?: unknown }).kind;
  if ((given ?? kind) !== kind)
    return { ok: false, issues: [{ path: 'kind', message: `must be "${kind}" here` }] };
  return parseModel(kind === 'reader' && given === undefined ? { kind, ...input } : input);
}
