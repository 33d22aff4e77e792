/**
 * Every error the collector answers has one shape (DESIGN.md, "Wire format"):
 * `{"error": {"code", "message", "issues": [{"path", "message"}]}}`.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, Issue } from '@dwell/contract';

export function errorBody(code: string, message: string, issues: Issue[] = []): ErrorBody {
  return { error: { code, message, issues } };
}

/** Answers an error in the common shape. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  issues: Issue[] = [],
): Response {
  return c.json(errorBody(code, message, issues), status);
}

/** "site, events.0.ts": the fields a list of issues is about, for a message. */
export function fieldList(issues: readonly Issue[]): string {
  return [...new Set(issues.map((issue) => issue.path || '(body)'))].join(', ');
}
