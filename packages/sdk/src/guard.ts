/** Dwell never breaks the host page: what it runs on the page's events is guarded. */

/** One console warning, prefixed so a developer sees where it comes from. */
export const warn = (message: string): void => console.warn(`dwell: ${message}`);

/** `fn`, reporting rather than throwing what it throws. */
export function guard<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch (error) {
      warn(String(error));
    }
  };
}

/**
 * Adds a guarded, passive, capturing listener for each of the space-separated
 * `types`. Capturing sees events that do not bubble (media events, scrolls of
 * inner elements); passive never delays scrolling.
 */
export function listen(target: EventTarget, types: string, listener: (event: Event) => unknown): void {
  for (const type of types.split(' ')) {
    target.addEventListener(type, guard(listener), { capture: true, passive: true });
  }
}
