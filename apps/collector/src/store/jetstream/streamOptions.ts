/**
 * The JetStream log's settings: `DWELL_NATS_*` from the environment, every
 * one with a default, validated at start like the rest of the configuration
 * (`config.ts`). Collectors and materializers read the same variables.
 */
import { z } from 'zod';
import { DEFAULT_PARTITIONS } from './partitions.js';

export interface StreamOptions {
  /** `nats://host:port` of one or more servers of the cluster. */
  servers: string[];
  /** The stream's name; its subjects are `<stream>.<partition>` (`subjectOf`). */
  stream: string;
  /** Partitions of the stream, by visitor; fixed once the stream holds events. */
  partitions: number;
  /** Replicas of each message; a publish is acknowledged once a quorum of them has it. */
  replicas: number;
  /** How long the stream keeps a message, ms: longer than any outage of the database the materializers must outlast. */
  maxAgeMs: number;
  /** Most bytes the stream holds; past it a publish is refused (503) rather than old events dropped. -1: no limit. */
  maxBytes: number;
  /** How long the stream remembers a message id, ms: a request retried within it is stored once. */
  duplicateWindowMs: number;
  /** How long a collector waits for the stream's acknowledgement before answering 503, ms. */
  publishTimeoutMs: number;
}

/** Default retention: a week, so the views can be folded after a long outage of the database. */
export const DEFAULT_MAX_AGE_MS = 7 * 24 * 3_600_000;
/** Default duplicate window: two minutes, JetStream's own default, far beyond the SDK's retry delays. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;
/** Default publish timeout: a leader election after a node's loss takes a few seconds. */
export const DEFAULT_PUBLISH_TIMEOUT_MS = 5_000;

const whole = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,12}$/, `must be a whole number of ${what}`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `must be ${min}–${max} ${what}`);

const natsUrl = z
  .string()
  .regex(/^(nats|tls):\/\/[^\s,]+$/, 'must be nats://host:port, or several separated by commas');

const envSchema = z.object({
  DWELL_NATS_URL: z.string().transform((value, ctx) => {
    const urls = value.split(',').map((url) => url.trim());
    for (const url of urls) {
      const checked = natsUrl.safeParse(url);
      if (!checked.success) {
        ctx.addIssue({ code: 'custom', message: checked.error.issues[0]?.message ?? 'invalid' });
        return z.NEVER;
      }
    }
    return urls;
  }),
  DWELL_NATS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, _ or -')
    .optional(),
  DWELL_NATS_PARTITIONS: whole('partitions', 1, 1_024).optional(),
  DWELL_NATS_REPLICAS: whole('replicas', 1, 5).optional(),
  DWELL_NATS_MAX_AGE_HOURS: whole('hours', 1, 24 * 366).optional(),
  DWELL_NATS_MAX_BYTES: whole('bytes', 1_048_576, 1e15).optional(),
  DWELL_NATS_DUPLICATE_WINDOW_S: whole('seconds', 1, 86_400).optional(),
  DWELL_NATS_PUBLISH_TIMEOUT_MS: whole('milliseconds', 100, 60_000).optional(),
});

/** The settings, or the zod error naming the variable; `undefined` without `DWELL_NATS_URL`. */
export function streamOptionsOf(
  env: Record<string, string>,
): { ok: true; options: StreamOptions | undefined } | { ok: false; error: z.ZodError } {
  if (!env.DWELL_NATS_URL) return { ok: true, options: undefined };
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const values = parsed.data;
  const stream = values.DWELL_NATS_STREAM ?? 'dwell-events';
  return {
    ok: true,
    options: {
      servers: values.DWELL_NATS_URL,
      stream,
      partitions: values.DWELL_NATS_PARTITIONS ?? DEFAULT_PARTITIONS,
      replicas: values.DWELL_NATS_REPLICAS ?? 1,
      maxAgeMs: (values.DWELL_NATS_MAX_AGE_HOURS ?? 0) * 3_600_000 || DEFAULT_MAX_AGE_MS,
      maxBytes: values.DWELL_NATS_MAX_BYTES ?? -1,
      duplicateWindowMs: (values.DWELL_NATS_DUPLICATE_WINDOW_S ?? 0) * 1_000 || DEFAULT_DUPLICATE_WINDOW_MS,
      publishTimeoutMs: values.DWELL_NATS_PUBLISH_TIMEOUT_MS ?? DEFAULT_PUBLISH_TIMEOUT_MS,
    },
  };
}
