/** Key figures as a definition list of tiles. */
import { h, type Child } from './dom.js';

export function tiles(entries: [label: string, value: Child, note?: Child][]): HTMLElement {
  return h(
    'dl',
    { class: 'tiles' },
    ...entries.map(([label, value, note]) =>
      h(
        'div',
        { class: 'tile' },
        h('dt', {}, label),
        h('dd', {}, value, note ? h('span', { class: 'note' }, note) : null),
      ),
    ),
  );
}
