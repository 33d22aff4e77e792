/**
 * The Model view (`#model`, DESIGN.md "Review and adjust"): the site's active
 * content and reader models as editable tables, Calibrate (which signals
 * predict an outcome, with suggested points), Preview (the history under the
 * edited models beside the active ones), Apply (with the admin key) and the
 * history of versions. The edits live in memory only, and survive a redraw
 * of the view (a new period) as long as the active versions stay the same.
 */
import { getJson } from './api.js';
import { bandsOf } from './bands.js';
import { h, replace } from './dom.js';
import { applyPanel } from './modelApply.js';
import { calibratePanel } from './modelCalibrate.js';
import { draftIssues, draftOf, editsOf, fieldOf, isEdited, SCOPE_NAMES, type Draft } from './modelDraft.js';
import { modelEditor, type Editor } from './modelEditor.js';
import { historyTable } from './modelHistory.js';
import { previewPanel } from './modelPreview.js';
import type { Credentials } from './session.js';
import type { ActiveModels, Applied, Candidate, History, Issue, Scope } from './modelTypes.js';

export interface ModelViewContext {
  credentials: Credentials;
  range: { from: string; to: string };
  /** The shell's live region, for what outlasts a redraw of the view. */
  status: HTMLElement;
  /** Whether this view is still the one shown (the editor may have moved on). */
  isCurrent(): boolean;
  /** The new active models, for the other views. */
  onApplied(models: ActiveModels): void;
}

let kept: { site: string; drafts: Record<Scope, Draft> } | null = null;

/** Drops the edits (on sign-out). */
export function forgetEdits(): void {
  kept = null;
}

function draftsFor(site: string, active: ActiveModels): Record<Scope, Draft> {
  const same =
    kept?.site === site &&
    kept.drafts.content.version === active.version &&
    kept.drafts.reader.version === active.reader.version;
  if (!same) {
    kept = {
      site,
      drafts: {
        content: draftOf('content', active.version, active.model),
        reader: draftOf('reader', active.reader.version, active.reader.model),
      },
    };
  }
  return kept!.drafts;
}

export async function renderModelView(target: HTMLElement, context: ModelViewContext, notice?: string) {
  const { credentials } = context;
  const [active, history] = await Promise.all([
    getJson<ActiveModels>(credentials, '/model'),
    getJson<History>(credentials, '/models'),
  ]);
  if (!context.isCurrent()) return;
  const drafts = draftsFor(credentials.site, active);
  const editors = {} as Record<Scope, Editor>;
  const candidate = (): Candidate | Issue[] => {
    for (const editor of Object.values(editors)) editor.clearIssues();
    const issues = [...draftIssues(drafts.content), ...draftIssues(drafts.reader)];
    if (issues.length) return issues;
    const result: Candidate = {};
    for (const draft of Object.values(drafts))
      if (isEdited(draft)) result[fieldOf(draft.scope)] = draft.edited;
    return result;
  };
  const showIssues = (issues: Issue[]) => {
    for (const editor of Object.values(editors)) editor.showIssues(issues);
    target.querySelector<HTMLElement>('input[aria-invalid="true"]')?.focus();
  };
  const changed = () => {
    preview.markStale();
    apply.update();
  };
  for (const scope of ['content', 'reader'] as const) editors[scope] = modelEditor(drafts[scope], changed);

  const asInfo = (version: string, model: ActiveModels['model']) => ({ version, model });
  const preview = previewPanel({
    credentials,
    range: context.range,
    candidate,
    showIssues,
    contentBands: bandsOf(asInfo(active.version, active.model)),
    readerBands: bandsOf(asInfo(active.reader.version, active.reader.model)),
  });
  const apply = applyPanel({
    credentials,
    candidate,
    showIssues,
    edits: () => [...editsOf(drafts.content), ...editsOf(drafts.reader)],
    notice,
    async onApplied(applied: Applied) {
      kept = null;
      const versions = `content model ${applied.version}, reader model ${applied.reader.version}`;
      const message = `Applied: the site is scored with ${versions}.`;
      replace(context.status, message);
      const fresh = await getJson<ActiveModels>(credentials, '/model');
      context.onApplied(fresh);
      if (!context.isCurrent()) return;
      await renderModelView(target, context, message);
      target.querySelector<HTMLElement>('#apply-done')?.focus();
    },
  });
  const calibrate = calibratePanel({
    credentials,
    range: context.range,
    useSuggested(scope, model) {
      editors[scope].load(model);
      const table = target.querySelector<HTMLElement>(`#${scope}-model-editor`);
      table?.closest<HTMLElement>('.table-wrap')?.focus();
      replace(
        context.status,
        `The suggested points are in the ${SCOPE_NAMES[scope]}: preview them, or apply them.`,
      );
    },
  });
  replace(
    target,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'model-title', id: 'models' },
      h('h2', { id: 'model-title' }, 'Model'),
      h(
        'p',
        { class: 'muted' },
        'The active models score every story and every reader. Edit the points and caps below, preview what would change, then apply with the site’s admin key.',
      ),
      editors.content.element,
      editors.reader.element,
    ),
    calibrate,
    preview.element,
    apply.element,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'history-title', id: 'history' },
      h('h2', { id: 'history-title' }, 'History'),
      historyTable(history.models),
    ),
  );
}
