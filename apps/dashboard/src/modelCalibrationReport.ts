/**
 * A calibration's report: each signal's held-out AUC and lift as bars, the
 * suggested points beside the current ones, the held-out AUC of both models,
 * the numbers it rests on (examples, positives, the time split) and the
 * verdict; "Use suggested weights" loads the suggestion into the editor.
 */
import { bar } from './bar.js';
import { h } from './dom.js';
import { formatDay, formatInt, formatPercent } from './format.js';
import { SCOPE_NAMES } from './modelDraft.js';
import { tiles } from './tiles.js';
import type { Credentials } from './session.js';
import type { CalibratedSignal, Calibration, Model, Scope } from './modelTypes.js';

export interface CalibrateContext {
  credentials: Credentials;
  range: { from: string; to: string };
  useSuggested(scope: Scope, model: Model): void;
}

const ACCENT = '#0b5cad';
const auc = (value: number) => value.toFixed(2);
const points = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const rate = (value: { n: number; rate: number | null }) =>
  value.rate === null ? '–' : `${formatPercent(value.rate)} of ${formatInt(value.n)}`;

function signalsTable(report: Calibration): HTMLElement {
  const maxLift = Math.max(1, ...report.signals.map((signal) => signal.lift ?? 0));
  const row = (signal: CalibratedSignal) =>
    h(
      'tr',
      { 'data-signal': signal.signal },
      h('th', { scope: 'row' }, h('code', {}, signal.signal)),
      h('td', {}, h('code', {}, signal.measure)),
      h('td', { class: 'num share' }, bar(signal.auc, ACCENT), h('span', { class: 'pct' }, auc(signal.auc))),
      h(
        'td',
        { class: 'num share' },
        signal.lift === null ? null : bar(signal.lift / maxLift, ACCENT),
        h('span', { class: 'pct' }, signal.lift === null ? '–' : `×${signal.lift.toFixed(2)}`),
      ),
      h('td', { class: 'num' }, rate(signal.with)),
      h('td', { class: 'num' }, rate(signal.without)),
      h('td', { class: 'num' }, points(signal.points)),
      h(
        'td',
        { class: signal.suggested_points === signal.points ? 'num' : 'num suggested-change' },
        points(signal.suggested_points),
      ),
    );
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Signals and their predictive power' },
    h(
      'table',
      { id: 'calibration-signals' },
      h('caption', {}, 'Each signal, strongest predictor first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Signal'),
          h('th', { scope: 'col' }, 'Measure'),
          h('th', { scope: 'col', class: 'num' }, 'AUC (held out)'),
          h('th', { scope: 'col', class: 'num' }, 'Lift'),
          h('th', { scope: 'col', class: 'num' }, 'Outcome with it'),
          h('th', { scope: 'col', class: 'num' }, 'Without it'),
          h('th', { scope: 'col', class: 'num' }, 'Points now'),
          h('th', { scope: 'col', class: 'num' }, 'Suggested'),
        ),
      ),
      h('tbody', {}, ...report.signals.map(row)),
    ),
  );
}

export function calibrationReport(result: Calibration, context: CalibrateContext): HTMLElement {
  const suggested = result.verdict === 'suggested';
  const use = h('button', { type: 'button', class: 'primary', id: 'use-suggested' }, 'Use suggested weights');
  use.addEventListener('click', () => context.useSuggested(result.scope, result.suggested.model));
  return h(
    'div',
    { class: 'calibration-report' },
    h(
      'p',
      { class: `verdict verdict-${result.verdict}`, id: 'calibration-verdict' },
      suggested
        ? 'The data predicts the outcome: the suggested points are fitted on the earlier part and judged on the later part.'
        : 'No signal: neither the signals nor a fitted model predict the outcome better than chance on the held-out part. Keep the current weights.',
    ),
    tiles([
      [
        'Examples',
        h('span', { class: 'big', id: 'calibration-n' }, formatInt(result.n)),
        `${formatDay(result.from)} – ${formatDay(result.to)}`,
      ],
      [
        'Positives',
        h('span', { class: 'big', id: 'calibration-positives' }, formatInt(result.positives)),
        'had the outcome',
      ],
      [
        'AUC now',
        h('span', { class: 'big', id: 'auc-current' }, auc(result.auc.current)),
        'current model, held out',
      ],
      [
        'AUC suggested',
        h('span', { class: 'big', id: 'auc-suggested' }, auc(result.auc.suggested)),
        'suggested model, held out',
      ],
    ]),
    h(
      'p',
      { class: 'muted small' },
      `Fitted on ${formatInt(result.split.fit.n)} examples (${formatInt(result.split.fit.positives)} positive) up to ${formatDay(result.split.fit.to)}; tested on ${formatInt(result.split.test.n)} (${formatInt(result.split.test.positives)} positive) from ${formatDay(result.split.test.from)}. An AUC of 0.5 is a coin toss, 1 a perfect ranking. Lift: how much likelier the outcome is with the signal than without.`,
    ),
    signalsTable(result),
    suggested
      ? h(
          'p',
          { class: 'editor-actions' },
          use,
          h(
            'span',
            { class: 'muted small' },
            ` Loads the suggested points of the ${SCOPE_NAMES[result.scope]} (version `,
            h('code', {}, result.suggested.version),
            ') into the editor, to preview or apply.',
          ),
        )
      : null,
  );
}
