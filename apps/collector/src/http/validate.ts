/**
 * zod validation of a request part through @hono/zod-validator, answering a bad
 * one with `400` in the common error shape, each bad field named.
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { formatIssues } from '@dwell/score/schema';
import { errorBody, fieldList } from './errors.js';

export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(target, schema, (result, c) => {
    if (result.success) return;
    // The schemas are zod's classic API, so the error is a classic ZodError.
    const issues = formatIssues(result.error as unknown as z.ZodError);
    return c.json(errorBody('invalid_request', `invalid ${target}: ${fieldList(issues)}`, issues), 400);
  });
}
