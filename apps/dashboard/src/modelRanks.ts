/**
 * A preview's stories as a table: each story's rank and score under the
 * active model and under the edited one, and its movement in words ("down
 * 4", with an arrow beside it), not by colour alone.
 */
import { h } from './dom.js';
import { formatInt, formatScore } from './format.js';
import type { PreviewContent } from './modelTypes.js';

/** Places gained under the edited model: positive is up. */
export const movement = (item: PreviewContent) => item.rank - item.candidate_rank;

function movementCell(item: PreviewContent): HTMLElement {
  const moved = movement(item);
  if (moved === 0) return h('td', { class: 'num move' }, 'same');
  const up = moved > 0;
  return h(
    'td',
    { class: `num move ${up ? 'move-up' : 'move-down'}` },
    h('span', { 'aria-hidden': 'true' }, up ? '▲ ' : '▼ '),
    `${up ? 'up' : 'down'} ${Math.abs(moved)}`,
  );
}

export function rankTable(id: string, caption: string, items: PreviewContent[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h(
      'table',
      { id },
      h('caption', { class: 'visually-hidden' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Story'),
          h('th', { scope: 'col', class: 'num' }, 'Readers'),
          h('th', { scope: 'col', class: 'num' }, 'Rank now'),
          h('th', { scope: 'col', class: 'num' }, 'Score now'),
          h('th', { scope: 'col', class: 'num' }, 'Rank edited'),
          h('th', { scope: 'col', class: 'num' }, 'Score edited'),
          h('th', { scope: 'col', class: 'num' }, 'Movement'),
        ),
      ),
      h(
        'tbody',
        {},
        ...items.map((item) =>
          h(
            'tr',
            { 'data-content': item.content },
            h('th', { scope: 'row', class: 'story' }, item.title || item.content),
            h('td', { class: 'num' }, formatInt(item.readers)),
            h('td', { class: 'num rank-now' }, item.rank),
            h('td', { class: 'num' }, formatScore(item.score)),
            h('td', { class: 'num rank-edited' }, item.candidate_rank),
            h('td', { class: 'num' }, formatScore(item.candidate_score)),
            movementCell(item),
          ),
        ),
      ),
    ),
  );
}
