/**
 * One story: key figures, its score and engaged time per day, how its
 * readers split into bands, which signals make its score — the average
 * points each signal adds per reader, largest first — and its ratings.
 */
import { bandBadge, bandColour, bandsOf } from './bands.js';
import { bar } from './bar.js';
import { lineChart } from './charts.js';
import { externalLink, h, routeLink } from './dom.js';
import { formatDay, formatDuration, formatInt, formatPercent, formatScore } from './format.js';
import { ratingsTable } from './ratings.js';
import { titleOf } from './table.js';
import { tiles } from './tiles.js';
import type { ContentDetail, ModelInfo, Signals } from '@dwell/contract';

const SIGNAL_NAMES: Record<string, string> = {
  view: 'Views',
  engaged: 'Engaged time',
  repeat: 'Repeat visits',
  share: 'Shares',
  bounce: 'Bounces',
};

function bandTable(detail: ContentDetail, model: ModelInfo): HTMLElement {
  const total = Object.values(detail.bands).reduce((sum, value) => sum + value, 0) || 1;
  return h(
    'table',
    { id: 'bands' },
    h('caption', {}, 'Readers by band'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Band'),
        h('th', { scope: 'col', class: 'num' }, 'Readers'),
        h('th', { scope: 'col', class: 'num' }, 'Share'),
      ),
    ),
    h(
      'tbody',
      {},
      ...bandsOf(model).map(({ name }) => {
        const count = detail.bands[name] ?? 0;
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, bandBadge(name, model)),
          h('td', { class: 'num' }, formatInt(count)),
          h(
            'td',
            { class: 'num share' },
            bar(count / total, bandColour(name)),
            h('span', { class: 'pct' }, formatPercent(count / total)),
          ),
        );
      }),
    ),
  );
}

function signalTable(signals: Signals): HTMLElement {
  const largest = Math.max(1e-9, ...signals.signals.map((entry) => Math.abs(entry.score_points)));
  return h(
    'table',
    { id: 'signals' },
    h('caption', {}, `What makes the score (average per reader, ${formatInt(signals.readers)} readers)`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Signal'),
        h('th', { scope: 'col', class: 'num' }, 'Score points'),
        h('th', { scope: 'col', class: 'num' }, 'Readers'),
      ),
    ),
    h(
      'tbody',
      {},
      ...signals.signals.map((entry) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, SIGNAL_NAMES[entry.signal] ?? entry.signal),
          h(
            'td',
            { class: 'num share' },
            bar(Math.abs(entry.score_points) / largest, entry.score_points < 0 ? '#b42318' : '#0b5cad'),
            `${entry.score_points > 0 ? '+' : entry.score_points < 0 ? '−' : ''}${formatScore(Math.abs(entry.score_points))}`,
          ),
          h('td', { class: 'num' }, formatInt(entry.readers)),
        ),
      ),
    ),
  );
}

/** A card whose table may scroll sideways at narrow widths: focusable and named, so the keyboard can scroll it. */
function scrollingCard(name: string, table: HTMLElement): HTMLElement {
  return h('div', { class: 'card', tabindex: 0, role: 'region', 'aria-label': name }, table);
}

export function renderDetail(
  root: HTMLElement,
  detail: ContentDetail,
  signals: Signals,
  model: ModelInfo,
): void {
  const meta = [detail.section, detail.author, detail.content].filter(Boolean).join(' · ');
  root.append(
    routeLink('#', '← All stories', { class: 'back' }),
    h('h2', { id: 'detail-title', class: 'detail-title' }, externalLink(detail.url, titleOf(detail))),
    h('p', { class: 'muted' }, meta, ' — ', `${formatDay(detail.from)} – ${formatDay(detail.to)}`),
    tiles([
      [
        'Score',
        h('span', { class: 'big' }, formatScore(detail.score)),
        h(
          'span',
          {},
          `${formatScore(detail.low)}–${formatScore(detail.high)} `,
          bandBadge(detail.band, model),
        ),
      ],
      ['Readers', h('span', { class: 'big' }, formatInt(detail.readers)), `${formatInt(detail.views)} views`],
      ['Avg engaged', h('span', { class: 'big' }, formatDuration(detail.engaged_ms_avg)), 'per reader'],
      [
        'Audience',
        h('span', { class: 'big' }, detail.audience === null ? '–' : formatScore(detail.audience)),
        'mean reader score of its readers',
      ],
      [
        'Shares',
        h('span', { class: 'big' }, formatInt(detail.shares)),
        `${formatPercent(detail.repeat_rate)} came back`,
      ],
    ]),
  );
  const charts = h('div', { class: 'charts' });
  root.append(charts);
  if (detail.series.length) {
    const days = detail.series.map((day) => day.day);
    lineChart(
      charts,
      'detail-score-chart',
      'Score per day (readers active that day)',
      days,
      [
        {
          label: 'Score',
          colour: '#0b5cad',
          values: detail.series.map((day) => day.score),
          format: formatScore,
        },
      ],
      [0, 100],
    );
    lineChart(charts, 'detail-engaged-chart', 'Average engaged time per reader, per day (seconds)', days, [
      {
        label: 'Engaged',
        colour: '#116329',
        values: detail.series.map((day) =>
          day.readers ? Math.round(day.engaged_ms / day.readers / 100) / 10 : 0,
        ),
        format: (value) => `${formatScore(value)} s`,
      },
    ]);
  } else {
    charts.append(h('p', { class: 'empty' }, 'No activity in this period.'));
  }
  root.append(
    h(
      'div',
      { class: 'detail-tables' },
      scrollingCard('Readers by band', bandTable(detail, model)),
      scrollingCard('Signals', signalTable(signals)),
      scrollingCard('Ratings', ratingsTable(detail.ratings)),
    ),
  );
}
