/** Stories whose score fell against the previous period of the same length. */
import { bandBadge } from './bands.js';
import { externalLink, h, routeLink } from './dom.js';
import { formatDay, formatInt, formatScore } from './format.js';
import { detailHash, titleOf } from './table.js';
import type { Drops, ModelInfo } from '@dwell/contract';

export function renderDrops(section: HTMLElement, drops: Drops, model: ModelInfo): void {
  section.append(
    h('h2', { id: 'drops-title' }, 'Drops'),
    h(
      'p',
      { class: 'muted' },
      `Score fell by 5 points or more against ${formatDay(drops.previous_from)} – ${formatDay(drops.previous_to)}, with at least 3 readers in each period.`,
    ),
  );
  if (!drops.items.length) {
    section.append(
      h('p', { class: 'empty' }, 'No story dropped markedly. ', h('span', { 'aria-hidden': 'true' }, '✓')),
    );
    return;
  }
  const rows = drops.items.map((drop) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, externalLink(drop.url, titleOf(drop), { class: 'title' })),
      h(
        'td',
        { class: 'num drop' },
        `−${formatScore(drop.drop)}`,
        drop.significant
          ? h('span', { class: 'sig', title: 'The 95% intervals do not overlap' }, ' significant')
          : null,
      ),
      h(
        'td',
        { class: 'num' },
        formatScore(drop.previous_score),
        ' → ',
        h('strong', {}, formatScore(drop.score)),
        ' ',
        bandBadge(drop.band, model),
      ),
      h('td', { class: 'num' }, `${formatInt(drop.previous_readers)} → ${formatInt(drop.readers)}`),
      h(
        'td',
        {},
        routeLink(detailHash(drop.content), 'Trend', {
          class: 'button-link',
          'aria-label': `Trend of ${titleOf(drop)}`,
        }),
      ),
    ),
  );
  section.append(
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Drops, table' },
      h(
        'table',
        { id: 'drops' },
        h('caption', { class: 'visually-hidden' }, 'Stories whose score dropped, largest drop first'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Title'),
            h('th', { scope: 'col', class: 'num' }, 'Drop'),
            h('th', { scope: 'col', class: 'num' }, 'Score before → now'),
            h('th', { scope: 'col', class: 'num' }, 'Readers before → now'),
            h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Details')),
          ),
        ),
        h('tbody', {}, ...rows),
      ),
    ),
  );
}
