/** The site overview: key figures, the score per day, and readers by band per day. */
import { bandBadge, bandsOf } from './bands.js';
import { bandBarsChart, lineChart } from './charts.js';
import { h } from './dom.js';
import { formatDay, formatDuration, formatInt, formatScore } from './format.js';
import { tiles } from './tiles.js';
import type { ModelInfo, Overview } from '@dwell/contract';

export function renderOverview(section: HTMLElement, overview: Overview, model: ModelInfo): void {
  section.append(
    h('h2', { id: 'overview-title' }, 'Site overview'),
    h('p', { class: 'muted' }, `${formatDay(overview.from)} – ${formatDay(overview.to)} (UTC days)`),
    tiles([
      [
        'Score',
        h('span', { class: 'big' }, formatScore(overview.score)),
        h(
          'span',
          {},
          `${formatScore(overview.low)}–${formatScore(overview.high)} `,
          bandBadge(overview.band, model),
        ),
      ],
      [
        'Readers',
        h('span', { class: 'big' }, formatInt(overview.visitors)),
        `${formatInt(overview.contents)} stories`,
      ],
      [
        'Views',
        h('span', { class: 'big' }, formatInt(overview.views)),
        `${formatInt(overview.shares)} shares`,
      ],
      [
        'Avg engaged',
        h('span', { class: 'big' }, formatDuration(overview.engaged_ms_avg)),
        'per reader and story',
      ],
    ]),
  );
  if (!overview.series.length) {
    section.append(h('p', { class: 'empty' }, 'No readers in this period yet.'));
    return;
  }
  const days = overview.series.map((day) => day.day);
  const charts = h('div', { class: 'charts' });
  section.append(charts);
  lineChart(
    charts,
    'site-score-chart',
    'Site score per day',
    days,
    [
      {
        label: 'Score',
        colour: '#0b5cad',
        values: overview.series.map((day) => day.score),
        format: formatScore,
      },
    ],
    [0, 100],
  );
  bandBarsChart(
    charts,
    'site-bands-chart',
    'Readers by band per day',
    days,
    bandsOf(model),
    overview.series.map((day) => day.bands),
  );
  lineChart(charts, 'site-traffic-chart', 'Readers and views per day', days, [
    { label: 'Views', colour: '#8a5300', values: overview.series.map((day) => day.views), format: formatInt },
    {
      label: 'Readers',
      colour: '#0b5cad',
      values: overview.series.map((day) => day.visitors),
      format: formatInt,
      dash: [6, 4],
    },
  ]);
}
