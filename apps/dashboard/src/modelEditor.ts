/**
 * A model as an editable table: each signal with its measure and bounds as
 * text and its points and cap as number inputs (an empty cap is no cap).
 * Edits go into the draft (modelDraft.ts); a changed input says
 * what it was, and a field the collector (or the editor's own check) refuses
 * says why, tied to the input by `aria-describedby`.
 */
import { h } from './dom.js';
import { formatInt } from './format.js';
import { formatBounds, measureCell, signalsHead } from './readerModel.js';
import { SCOPE_NAMES, type Draft } from './modelDraft.js';
import type { Issue, Model, Scope } from './modelTypes.js';

export interface Editor {
  element: HTMLElement;
  /** Puts `model`'s points and caps into the draft and the inputs (the suggested weights). */
  load(model: Model): void;
  /** Marks the inputs the issues name (`model.signals.share.points`); how many it marked. */
  showIssues(issues: Issue[]): number;
  clearIssues(): void;
}

const inputId = (scope: Scope, signal: string, field: 'points' | 'cap') => `${scope}-${signal}-${field}`;

/** The input an issue's path names, if any: `reader.signals.daily.cap` → `#reader-daily-cap`. */
function inputOfPath(path: string): string | null {
  const match = /^(model|reader)\.signals\.([^.]+)\.(points|cap)$/.exec(path);
  if (!match) return null;
  return inputId(match[1] === 'model' ? 'content' : 'reader', match[2]!, match[3] as 'points' | 'cap');
}

const show = (value: number | undefined) => (value === undefined ? '' : String(value));

export function modelEditor(draft: Draft, onChange: () => void): Editor {
  const { scope } = draft;
  const inputs: { name: string; field: 'points' | 'cap'; input: HTMLInputElement; was: HTMLElement }[] = [];
  const errors = new Map<string, HTMLElement>();

  function cell(name: string, field: 'points' | 'cap'): HTMLElement {
    const id = inputId(scope, name, field);
    const input = h('input', {
      id,
      type: 'number',
      step: 'any',
      min: field === 'cap' ? 0 : undefined,
      inputmode: 'decimal',
      class: 'number-input',
    });
    input.value = show(draft.edited.signals[name]![field]);
    const was = h('span', { class: 'was muted small', id: `${id}-was` });
    const error = h('span', { class: 'field-error', id: `${id}-error` });
    errors.set(id, error);
    inputs.push({ name, field, input, was });
    input.addEventListener('input', () => {
      const signal = draft.edited.signals[name]!;
      const value = input.value === '' && !input.validity.badInput ? undefined : input.valueAsNumber;
      if (field === 'cap') {
        if (value === undefined) delete signal.cap;
        else signal.cap = value;
      } else signal.points = value ?? NaN;
      clearOne(input);
      refresh();
      onChange();
    });
    const label = `${field === 'points' ? 'Points' : 'Cap'} of ${name}, ${SCOPE_NAMES[scope]}`;
    return h(
      'td',
      { class: 'num' },
      h('label', { for: id, class: 'visually-hidden' }, label),
      input,
      was,
      error,
    );
  }

  /** The "was …" notes beside the changed inputs. */
  function refresh(): void {
    for (const { name, field, input, was } of inputs) {
      const before = draft.active.signals[name]?.[field];
      const now = draft.edited.signals[name]?.[field];
      const changed = !Object.is(before, now);
      input.classList.toggle('changed', changed);
      was.textContent = changed ? `was ${before === undefined ? 'no cap' : formatInt(before)}` : '';
    }
  }

  function clearOne(input: HTMLInputElement): void {
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', `${input.id}-was`);
    const error = errors.get(input.id);
    if (error) error.textContent = '';
  }

  const bands = Object.values(draft.active.bands)
    .sort((a, b) => b.min - a.min)
    .map((band) => `${band.label} from ${formatInt(band.min)}`)
    .join(', ');
  const undo = h(
    'button',
    {
      type: 'button',
      class: 'secondary small-button',
      'aria-label': `Undo edits to the ${SCOPE_NAMES[scope]}`,
    },
    'Undo edits',
  );
  undo.addEventListener('click', () => editor.load(draft.active));
  const table = h(
    'table',
    { id: `${scope}-model-editor`, class: 'model-editor' },
    h(
      'caption',
      {},
      scope === 'content' ? 'Content model' : 'Reader model',
      ', version ',
      h('code', { id: `${scope}-model-version` }, draft.version),
      h(
        'span',
        { class: 'muted small caption-note' },
        `Over a ${draft.active.windowDays}-day window; raw points out of ${formatInt(draft.active.max)} make the score (0–100). Bands: ${bands}. An empty cap is no cap.`,
      ),
    ),
    signalsHead(),
    h(
      'tbody',
      {},
      ...Object.entries(draft.active.signals).map(([name, signal]) =>
        h(
          'tr',
          { 'data-signal': name },
          h('th', { scope: 'row' }, h('code', {}, name)),
          h('td', {}, measureCell(signal)),
          h('td', {}, formatBounds(signal) || h('span', { class: 'muted' }, 'always')),
          cell(name, 'points'),
          cell(name, 'cap'),
        ),
      ),
    ),
  );
  const editor: Editor = {
    element: h(
      'div',
      { class: 'model-editor-wrap' },
      h(
        'div',
        { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': `Edit the ${SCOPE_NAMES[scope]}` },
        table,
      ),
      h('p', { class: 'editor-actions' }, undo),
    ),
    load(model) {
      for (const [name, signal] of Object.entries(draft.edited.signals)) {
        const from = model.signals[name];
        if (!from) continue;
        signal.points = from.points;
        if (from.cap === undefined) delete signal.cap;
        else signal.cap = from.cap;
      }
      for (const { name, field, input } of inputs) {
        input.value = show(draft.edited.signals[name]![field]);
        clearOne(input);
      }
      refresh();
      onChange();
    },
    showIssues(issues) {
      let marked = 0;
      for (const issue of issues) {
        const id = inputOfPath(issue.path);
        const input = id ? inputs.find((entry) => entry.input.id === id)?.input : undefined;
        if (!input) continue;
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', `${input.id}-error ${input.id}-was`);
        errors.get(input.id)!.textContent = issue.message;
        marked++;
      }
      return marked;
    },
    clearIssues() {
      for (const { input } of inputs) clearOne(input);
    },
  };
  for (const { input } of inputs) clearOne(input);
  refresh();
  return editor;
}
