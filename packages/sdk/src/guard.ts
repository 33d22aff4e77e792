/** Dwell never breaks the host page: what it runs on the page's events is guarded. */

/**
 * One console warning: `dwell: W<code>`, then what it is about (a value, an
 * error). A code instead of a sentence keeps the texts out of the script
 * (issue #15: they cost 190 B); the README's table ("Warnings") says what each
 * code means and what to do. The codes in use:
 *
 * W1 no data-site · W2 data-hash · W3 data-endpoint · W4 unknown call ·
 * W5 on() · W6 track() name · W7 track() props · W8 feedback() rating ·
 * W9 model answer · W10 batch refused · W11 error caught · W12 no models for the site
 */
export const warn = (code: number, ...about: unknown[]): void => console.warn(`dwell: W${code}`, ...about);

/** Reports an error Dwell caught rather than let it reach the page. */
export const failed = (error: unknown): void => warn(11, error);

/** `fn`, reporting rather than throwing what it throws. */
export function guard<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch (error) {
      failed(error);
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
