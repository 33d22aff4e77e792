/**
 * The site's reader model as a table (from `GET /model`'s `reader`): each
 * signal with the measure it weighs, the bounds under which it applies, its
 * points and its cap — the model is data, so editors read what makes a loyal
 * reader instead of taking it on trust.
 */
import { h } from './dom.js';
import { formatInt } from './format.js';
import type { ModelInfo } from '@dwell/contract';

type Signal = NonNullable<ModelInfo['model']['signals']>[string];

const signed = (points: number) =>
  points > 0 ? `+${formatInt(points)}` : points < 0 ? `−${formatInt(-points)}` : '0';

/** `active_days ≥ 4, active_days < 20`: every bound, in the order at least, at most, below. */
export function formatBounds(signal: Signal): string {
  const bounds: string[] = [];
  for (const [kind, symbol] of [
    ['atLeast', '≥'],
    ['atMost', '≤'],
    ['below', '<'],
  ] as const) {
    for (const [measure, bound] of Object.entries(signal[kind] ?? {}))
      if (bound !== undefined) bounds.push(`${measure} ${symbol} ${formatInt(bound)}`);
  }
  return bounds.join(', ');
}

/** `engaged_ms` with `per: 600000` reads "engaged_ms, each 600,000 (10 min)". */
export function measureCell(signal: Signal): HTMLElement {
  const per = signal.per && signal.per !== 1 ? signal.per : null;
  const minutes =
    per && signal.measure === 'engaged_ms' && per % 60_000 === 0 ? ` (${per / 60_000} min)` : '';
  return h(
    'span',
    {},
    h('code', {}, signal.measure),
    per ? h('span', { class: 'muted small' }, `, each ${formatInt(per)}${minutes}`) : null,
  );
}

/** The head of a model's table of signals, here and in the Model view's editor. */
export function signalsHead(): HTMLElement {
  return h(
    'thead',
    {},
    h(
      'tr',
      {},
      h('th', { scope: 'col' }, 'Signal'),
      h('th', { scope: 'col' }, 'Measure'),
      h('th', { scope: 'col' }, 'Applies when'),
      h('th', { scope: 'col', class: 'num' }, 'Points'),
      h('th', { scope: 'col', class: 'num' }, 'Cap'),
    ),
  );
}

export function readerModelTable(reader: ModelInfo): HTMLElement {
  const signals = Object.entries(reader.model.signals ?? {});
  const bands = Object.values(reader.model.bands)
    .sort((a, b) => b.min - a.min)
    .map((band) => `${band.label} from ${formatInt(band.min)}`)
    .join(', ');
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Reader model, table' },
    h(
      'table',
      { id: 'reader-model' },
      h(
        'caption',
        {},
        `Version ${reader.version}`,
        h(
          'span',
          { class: 'muted small caption-note' },
          `Over a ${reader.model.windowDays}-day window; raw points out of ${formatInt(reader.model.max)} make the score (0–100). Bands: ${bands}.`,
        ),
      ),
      signalsHead(),
      h(
        'tbody',
        {},
        ...signals.map(([name, signal]) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, h('code', {}, name)),
            h('td', {}, measureCell(signal)),
            h('td', {}, formatBounds(signal) || h('span', { class: 'muted' }, 'always')),
            h('td', { class: 'num' }, signed(signal.points)),
            h('td', { class: 'num' }, signal.cap === undefined ? '—' : formatInt(signal.cap)),
          ),
        ),
      ),
    ),
  );
}
