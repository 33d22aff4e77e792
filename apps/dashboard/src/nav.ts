/**
 * The views an editor moves between, as links in the header: the stories
 * (the overview and the ranked table, `#`; a story's detail belongs to them)
 * the readers (`#readers`) and the scoring models (`#model`: review, preview,
 * calibrate and apply them). The current one carries `aria-current`, so a
 * screen reader says where the editor is, not only the colour.
 */
import { h, routeLink } from './dom.js';

export type View = 'stories' | 'readers' | 'model';

export function viewNav(current: View): HTMLElement {
  const link = (view: View, hash: string, text: string) =>
    h('li', {}, routeLink(hash, text, { 'aria-current': view === current ? 'page' : undefined }));
  return h(
    'nav',
    { class: 'views', 'aria-label': 'Views' },
    h(
      'ul',
      {},
      link('stories', '#', 'Stories'),
      link('readers', '#readers', 'Readers'),
      link('model', '#model', 'Model'),
    ),
  );
}
