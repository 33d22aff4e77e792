/**
 * Single-page navigation: `navigated` runs after every `pushState`,
 * `replaceState` and `popstate` (and `hashchange` when hash routing is on).
 * It compares routes itself, so a same-path `replaceState` — which routers
 * use to store scroll positions or state — counts nothing.
 */
import { guard, listen } from './guard.js';

export function watchNavigation(navigated: () => void, hashRouting: boolean): void {
  const safely = guard(navigated);
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      safely();
    };
  }
  listen(window, hashRouting ? 'popstate hashchange' : 'popstate', navigated);
}
