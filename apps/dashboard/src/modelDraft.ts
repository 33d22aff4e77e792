/**
 * The edits of one model: a copy of the active model whose points and caps
 * the editor changes, what differs from the active one, and the editor's own
 * check before a request, at the paths the collector's errors use
 * (`model.signals.share.points`).
 */
import type { Issue, Model, Scope } from './modelTypes.js';

export interface Draft {
  scope: Scope;
  version: string;
  active: Model;
  edited: Model;
}

export const SCOPE_NAMES: Record<Scope, string> = { content: 'content model', reader: 'reader model' };

/** The request field of a scope: `model` for the content model, `reader` for the reader model. */
export const fieldOf = (scope: Scope) => (scope === 'content' ? 'model' : 'reader');

export const copyModel = (model: Model): Model => JSON.parse(JSON.stringify(model)) as Model;

export function draftOf(scope: Scope, version: string, active: Model): Draft {
  return { scope, version, active, edited: copyModel(active) };
}

/** Whether the draft's points or caps differ from the active model's. */
export function isEdited(draft: Draft): boolean {
  return Object.entries(draft.edited.signals).some(([name, signal]) => {
    const active = draft.active.signals[name];
    return !active || !Object.is(active.points, signal.points) || !Object.is(active.cap, signal.cap);
  });
}

/** The editor's own check before a request: a number in every points input, and a cap that is a number or empty. */
export function draftIssues(draft: Draft): Issue[] {
  const issues: Issue[] = [];
  for (const [name, signal] of Object.entries(draft.edited.signals)) {
    const path = `${fieldOf(draft.scope)}.signals.${name}`;
    if (!Number.isFinite(signal.points)) issues.push({ path: `${path}.points`, message: 'enter a number' });
    if (signal.cap !== undefined && !Number.isFinite(signal.cap))
      issues.push({ path: `${path}.cap`, message: 'enter a number, or leave it empty for no cap' });
  }
  return issues;
}

/** `share points 25 → 0`, one line per changed value. */
export function editsOf(draft: Draft): string[] {
  const lines: string[] = [];
  for (const [name, signal] of Object.entries(draft.edited.signals)) {
    const before = draft.active.signals[name];
    for (const field of ['points', 'cap'] as const) {
      if (Object.is(before?.[field], signal[field])) continue;
      const show = (value: number | undefined) =>
        value === undefined ? 'no cap' : Number.isNaN(value) ? 'empty' : String(value);
      lines.push(
        `${SCOPE_NAMES[draft.scope]}: ${name} ${field} ${show(before?.[field])} → ${show(signal[field])}`,
      );
    }
  }
  return lines;
}
