/**
 * The ranked content table. The collector's order (by the lower bound of the
 * score's interval, so a story with two enthusiastic readers does not top one
 * with five hundred) is the default; any column header sorts by that column,
 * again to reverse. A semantic table: `<th scope>`, `aria-sort` on the sorted
 * column, sort buttons reachable by keyboard.
 */
import { bandBadge } from './bands.js';
import { externalLink, h, routeLink, type Child } from './dom.js';
import { formatDuration, formatInt, formatPercent, formatScore } from './format.js';
import type { ContentItem, ModelInfo } from '@dwell/contract';

type Key =
  'rank' | 'title' | 'score' | 'audience' | 'readers' | 'views' | 'engaged_ms_avg' | 'shares' | 'repeat_rate';
export interface Sort {
  key: Key;
  descending: boolean;
}

interface Column {
  key: Key;
  label: string;
  numeric: boolean;
  cell: (item: ContentItem, rank: number) => Child;
}

export const titleOf = (item: { title: string | null; content: string }) => item.title || item.content;

export function detailHash(content: string): string {
  return `#content=${encodeURIComponent(content)}`;
}

function titleCell(item: ContentItem): HTMLElement {
  const meta = [item.section, item.author].filter(Boolean).join(' · ');
  return h(
    'div',
    { class: 'title-cell' },
    externalLink(item.url, titleOf(item), { class: 'title' }),
    h('span', { class: 'muted small' }, meta || item.content),
  );
}

function scoreCell(item: ContentItem, model: ModelInfo): HTMLElement {
  return h(
    'div',
    { class: 'score-cell' },
    h('strong', {}, formatScore(item.score)),
    h(
      'span',
      { class: 'muted small', title: '95% interval' },
      `${formatScore(item.low)}–${formatScore(item.high)}`,
    ),
    bandBadge(item.band, model),
  );
}

function columns(model: ModelInfo): Column[] {
  return [
    { key: 'rank', label: 'Rank', numeric: true, cell: (_item, rank) => rank },
    { key: 'title', label: 'Title', numeric: false, cell: titleCell },
    { key: 'score', label: 'Score', numeric: true, cell: (item) => scoreCell(item, model) },
    {
      key: 'audience',
      label: 'Audience',
      numeric: true,
      cell: (item) => (item.audience === null ? '–' : formatScore(item.audience)),
    },
    { key: 'readers', label: 'Readers', numeric: true, cell: (item) => formatInt(item.readers) },
    { key: 'views', label: 'Views', numeric: true, cell: (item) => formatInt(item.views) },
    {
      key: 'engaged_ms_avg',
      label: 'Avg engaged',
      numeric: true,
      cell: (item) => formatDuration(item.engaged_ms_avg),
    },
    { key: 'shares', label: 'Shares', numeric: true, cell: (item) => formatInt(item.shares) },
    {
      key: 'repeat_rate',
      label: 'Repeat rate',
      numeric: true,
      cell: (item) => formatPercent(item.repeat_rate),
    },
  ];
}

function compare(key: Key, ranks: Map<ContentItem, number>) {
  return (a: ContentItem, b: ContentItem): number => {
    if (key === 'rank') return (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0);
    if (key === 'title') return titleOf(a).localeCompare(titleOf(b));
    // A story without readers has no audience: it sorts below every score, even 0.
    const value = (item: ContentItem) => (key === 'audience' ? (item.audience ?? -1) : item[key]);
    return value(a) - value(b) || (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0);
  };
}

export function rankedTable(
  items: ContentItem[],
  model: ModelInfo,
  sort: Sort,
  onSort: (sort: Sort) => void,
) {
  const ranks = new Map(items.map((item, index) => [item, index + 1]));
  const sorted = [...items].sort(compare(sort.key, ranks));
  if (sort.descending) sorted.reverse();
  const cols = columns(model);
  const head = h(
    'tr',
    {},
    ...cols.map((column) => {
      const active = column.key === sort.key;
      const button = h(
        'button',
        {
          type: 'button',
          class: 'sort',
          onclick: () =>
            onSort({
              key: column.key,
              // Numbers read best largest first; rank and title in their natural order.
              descending: active ? !sort.descending : column.numeric && column.key !== 'rank',
            }),
        },
        column.label,
        h('span', { class: 'arrow', 'aria-hidden': 'true' }, active ? (sort.descending ? '▼' : '▲') : ''),
      );
      return h(
        'th',
        {
          scope: 'col',
          class: column.numeric ? 'num' : undefined,
          'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : undefined,
        },
        button,
      );
    }),
    h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Details')),
  );
  const rows = sorted.map((item) =>
    h(
      'tr',
      {},
      ...cols.map((column) =>
        column.key === 'title'
          ? h('th', { scope: 'row' }, column.cell(item, ranks.get(item) ?? 0))
          : h('td', { class: column.numeric ? 'num' : undefined }, column.cell(item, ranks.get(item) ?? 0)),
      ),
      h(
        'td',
        {},
        routeLink(detailHash(item.content), 'Trend', {
          class: 'button-link',
          'aria-label': `Trend and signals of ${titleOf(item)}`,
        }),
      ),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Ranked content, table' },
    h(
      'table',
      { id: 'ranked' },
      h('caption', { class: 'visually-hidden' }, 'Content ranked by engagement score'),
      h('thead', {}, head),
      h('tbody', {}, ...rows),
    ),
  );
}
