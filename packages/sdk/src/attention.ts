/**
 * Whether the reader can be paying attention — the page visible, focused and
 * not frozen (Page Lifecycle, https://wicg.github.io/page-lifecycle/) — fed to
 * the engaged-time clock; and the moment the page is being hidden.
 */
import { attend } from './engaged.js';
import { listen } from './guard.js';

export function watchAttention(hidden: () => void): void {
  let frozen = false;
  const update = (): void => attend(!document.hidden && document.hasFocus() && !frozen);
  listen(document, 'visibilitychange', () => {
    update();
    if (document.hidden) hidden();
  });
  listen(window, 'pagehide', hidden);
  listen(window, 'focus blur', update);
  listen(document, 'freeze resume', ({ type }) => {
    frozen = type === 'freeze';
    update();
  });
  update();
}
