/**
 * The Readers view (`#readers`): the site's readers scored as people with the
 * reader model — how many are in each band (each band exportable as CSV),
 * how they moved against the previous period of the same length, the bands
 * day by day (a stacked chart and the same numbers as a table), the readers
 * at risk, and the reader model itself.
 */
import { bandBadge, bandColour, bandsOf } from './bands.js';
import { bar } from './bar.js';
import { bandBarsChart } from './charts.js';
import { h, type Child } from './dom.js';
import { daySeconds, formatDay, formatInt, formatPercent, formatScore } from './format.js';
import { readerModelTable } from './readerModel.js';
import { tiles } from './tiles.js';
import type { ModelInfo, Readers } from '@dwell/contract';

const DAY_MS = 86_400_000;

/** The previous period of the same length as `from`–`to`, the one movement and at-risk compare with. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = (daySeconds(to) - daySeconds(from)) / 86_400 + 1;
  const day = (offset: number) =>
    new Date(daySeconds(from) * 1000 + offset * DAY_MS).toISOString().slice(0, 10);
  return { from: day(-days), to: day(-1) };
}

function card(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

function bandCounts(readers: Readers, reader: ModelInfo, onExport: (band: string) => void): HTMLElement {
  const total = readers.readers || 1;
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Readers by band' },
    h(
      'table',
      { id: 'reader-bands' },
      h('caption', {}, 'Readers by band, each as of their latest activity in the period'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Band'),
          h('th', { scope: 'col', class: 'num' }, 'Readers'),
          h('th', { scope: 'col', class: 'num' }, 'Share'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Export')),
        ),
      ),
      h(
        'tbody',
        {},
        ...bandsOf(reader).map(({ name, label }) => {
          const count = readers.bands[name] ?? 0;
          return h(
            'tr',
            { 'data-band': name },
            h('th', { scope: 'row' }, bandBadge(name, reader)),
            h('td', { class: 'num count' }, formatInt(count)),
            h(
              'td',
              { class: 'num share' },
              bar(count / total, bandColour(name)),
              h('span', { class: 'pct' }, formatPercent(count / total)),
            ),
            h(
              'td',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'secondary small-button',
                  'data-export': name,
                  // The visible words first: a voice user says what they see (WCAG 2.5.3).
                  'aria-label': `Export CSV: ${label} readers`,
                  onclick: () => onExport(name),
                },
                'Export CSV',
              ),
            ),
          );
        }),
      ),
    ),
  );
}

function movementTiles(readers: Readers): HTMLElement {
  const { up, same, down, new: arrived, gone } = readers.movement;
  return tiles([
    [
      'Moved up a band',
      h('span', { class: 'big', id: 'moved-up' }, formatInt(up)),
      'of the readers of both periods',
    ],
    [
      'Moved down a band',
      h('span', { class: 'big', id: 'moved-down' }, formatInt(down)),
      'of the readers of both periods',
    ],
    [
      'Same band',
      h('span', { class: 'big', id: 'moved-same' }, formatInt(same)),
      'of the readers of both periods',
    ],
    [
      'New',
      h('span', { class: 'big', id: 'moved-new' }, formatInt(arrived)),
      'not seen in the previous period',
    ],
    [
      'Gone',
      h('span', { class: 'big', id: 'moved-gone' }, formatInt(gone)),
      'seen before, not in this period',
    ],
  ]);
}

/** The chart's numbers as a table: what a screen reader reads instead of the canvas. */
function seriesTable(readers: Readers, reader: ModelInfo): HTMLElement {
  const bands = bandsOf(reader);
  return h(
    'details',
    { class: 'chart-data' },
    h('summary', {}, 'Readers by band per day, as a table'),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Readers by band per day' },
      h(
        'table',
        { id: 'reader-series' },
        h('caption', { class: 'visually-hidden' }, 'Readers active each day, by their band as of that day'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Day'),
            ...bands.map((band) => h('th', { scope: 'col', class: 'num' }, band.label)),
            h('th', { scope: 'col', class: 'num' }, 'All readers'),
          ),
        ),
        h(
          'tbody',
          {},
          ...readers.series.map((day) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, formatDay(day.day)),
              ...bands.map((band) => h('td', { class: 'num' }, formatInt(day.bands[band.name] ?? 0))),
              h('td', { class: 'num' }, formatInt(day.readers)),
            ),
          ),
        ),
      ),
    ),
  );
}

function atRiskTable(readers: Readers, reader: ModelInfo): HTMLElement {
  const rows = readers.at_risk.map((entry) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('code', { class: 'visitor' }, entry.visitor)),
      h(
        'td',
        { class: 'num' },
        formatScore(entry.previous_score),
        ' ',
        bandBadge(entry.previous_band, reader),
        ' → ',
        h('strong', {}, formatScore(entry.score)),
        ' ',
        bandBadge(entry.band, reader),
      ),
      h('td', { class: 'num drop' }, `−${formatScore(entry.fall)}`),
      h('td', { class: 'num' }, formatDay(entry.last_seen)),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Readers at risk, table' },
    h(
      'table',
      { id: 'at-risk' },
      h('caption', { class: 'visually-hidden' }, 'Readers whose band fell, largest fall first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Reader'),
          h('th', { scope: 'col', class: 'num' }, 'Score before → now'),
          h('th', { scope: 'col', class: 'num' }, 'Fall'),
          h('th', { scope: 'col', class: 'num' }, 'Last seen'),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
  );
}

export function renderReaders(
  target: HTMLElement,
  readers: Readers,
  reader: ModelInfo,
  onExport: (band: string) => void,
): void {
  const previous = previousPeriod(readers.from, readers.to);
  const against = `against ${formatDay(previous.from)} – ${formatDay(previous.to)}`;
  const summary = card(
    'readers-title',
    'Readers',
    h(
      'p',
      { class: 'muted' },
      `${formatDay(readers.from)} – ${formatDay(readers.to)} (UTC days). Each visitor scored across the whole site with the reader model, `,
      h('code', {}, readers.model),
      '.',
    ),
    tiles([
      [
        'Readers',
        h('span', { class: 'big', id: 'reader-total' }, formatInt(readers.readers)),
        'active in the period',
      ],
    ]),
    bandCounts(readers, reader, onExport),
    h('h3', {}, `Movement ${against}`),
    movementTiles(readers),
  );
  const trend = card('reader-trend-title', 'Bands over time');
  const risk = card(
    'at-risk-title',
    'At risk',
    h(
      'p',
      { class: 'muted' },
      `Readers who were ${bandsOf(reader)
        .slice(0, -1)
        .map((band) => band.label.toLowerCase())
        .join(' or ')} ${against} and are in a lower band now or gone (score 0), largest fall first.`,
    ),
  );
  const model = card('reader-model-title', 'Reader model', readerModelTable(reader));
  target.append(summary, trend, risk, model);
  if (readers.series.some((day) => day.readers > 0)) {
    bandBarsChart(
      trend,
      'reader-bands-chart',
      'Readers by band per day',
      readers.series.map((day) => day.day),
      bandsOf(reader),
      readers.series.map((day) => day.bands),
    );
    trend.append(seriesTable(readers, reader));
  } else {
    trend.append(h('p', { class: 'empty' }, 'No readers in this period yet.'));
  }
  if (readers.at_risk.length) risk.append(atRiskTable(readers, reader));
  else
    risk.append(
      h('p', { class: 'empty' }, 'No reader fell a band. ', h('span', { 'aria-hidden': 'true' }, '✓')),
    );
}
