/**
 * Apply (`PUT /model`): the edited models become the site's active ones, its
 * history is re-scored, and every score names the new versions. It takes the
 * site's admin key, typed into a field for this one request: read from the
 * field, cleared from it at once, sent once and never kept (not in storage,
 * not in the page's state). A wrong key changes nothing and says so.
 */
import { ApiError, sendJson } from './api.js';
import { h, replace } from './dom.js';
import { task } from './modelTask.js';
import type { Credentials } from './session.js';
import type { Applied, Candidate, Issue } from './modelTypes.js';

export interface ApplyContext {
  credentials: Credentials;
  candidate(): Candidate | Issue[];
  showIssues(issues: Issue[]): void;
  /** What is edited, in words, for the list above the button. */
  edits(): string[];
  /** Reloads the view with the applied models. */
  onApplied(applied: Applied): Promise<void>;
  /** A notice from the last apply, shown once the view is drawn again. */
  notice?: string;
}

function messageOf(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 401) return 'This admin key is not valid. Nothing was changed.';
  if (error.status === 403)
    return 'This key may read the site but not change it: enter the site’s admin key. Nothing was changed.';
  return null;
}

export interface ApplyPanel {
  element: HTMLElement;
  /** Redraws the list of edits. */
  update(): void;
}

export function applyPanel(context: ApplyContext): ApplyPanel {
  const key = h('input', {
    id: 'admin-key',
    name: 'admin-key',
    type: 'password',
    autocomplete: 'off',
    'aria-describedby': 'admin-key-hint',
  });
  const button = h('button', { type: 'submit', class: 'primary', id: 'apply-button' }, 'Apply edited models');
  const edits = h('ul', { id: 'apply-edits', class: 'edits' });
  const done = h('p', { class: 'form-success', id: 'apply-done', tabindex: -1 }, context.notice);
  const run = task(button, edits);
  const form = h(
    'form',
    { class: 'apply-form', novalidate: true, 'aria-label': 'Apply the edited models' },
    h('label', { for: 'admin-key' }, 'Admin key'),
    key,
    h(
      'p',
      { class: 'hint', id: 'admin-key-hint' },
      'The site’s admin key (not the read key): used for this request only, then cleared, never stored.',
    ),
    button,
  );
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    if (run.running) return;
    // The key lives in this handler only: out of the field before anything else happens.
    const admin = key.value.trim();
    key.value = '';
    replace(done);
    const candidate = context.candidate();
    if (Array.isArray(candidate)) {
      context.showIssues(candidate);
      return run.fail('Correct the marked fields first. Nothing was changed.');
    }
    if (candidate.model === undefined && candidate.reader === undefined)
      return run.fail('Nothing to apply: the edited models are the active ones.');
    if (!admin) {
      run.fail('Enter the site’s admin key.');
      return key.focus();
    }
    void run.run('Applying and re-scoring the site’s history…', async () => {
      try {
        const applied = await sendJson<Applied>(context.credentials, '/model', {
          method: 'PUT',
          body: candidate,
          key: admin,
        });
        await context.onApplied(applied);
        return `Applied.`;
      } catch (error) {
        if (error instanceof ApiError) context.showIssues(error.issues);
        const message = messageOf(error);
        if (!message) throw error;
        key.setAttribute('aria-invalid', 'true');
        key.focus();
        run.fail(message);
        return '';
      }
    });
  });
  key.addEventListener('input', () => key.removeAttribute('aria-invalid'));
  const update = () => {
    const list = context.edits();
    replace(edits, ...(list.length ? list : ['No edits yet.']).map((text) => h('li', {}, text)));
  };
  update();
  return {
    element: h(
      'section',
      { class: 'card', 'aria-labelledby': 'apply-title', id: 'apply' },
      h('h2', { id: 'apply-title' }, 'Apply'),
      h(
        'p',
        { class: 'muted' },
        'Makes the edited models the active ones: the site’s history is scored again with them, and from then on every score names their versions.',
      ),
      h('h3', {}, 'Edits'),
      edits,
      form,
      run.status,
      run.error,
      done,
    ),
    update,
  };
}
