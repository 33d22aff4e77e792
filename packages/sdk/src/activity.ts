/**
 * The reader's activity, fed to the engaged-time clock: scrolls, pointer,
 * keys and touches are interactions, and media on the page may be playing.
 */
import { interact, mediaPlaying } from './engaged.js';
import { listen } from './guard.js';

/** Watches the reader's activity; `scrolled` runs once per frame in which the page scrolled. */
export function watchActivity(scrolled: () => void): void {
  let frame = 0;
  listen(window, 'scroll', () => {
    interact();
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      scrolled();
    });
  });
  listen(window, 'pointerdown pointermove keydown touchstart wheel', interact);
  const playing = new Set<EventTarget | null>();
  listen(document, 'play playing pause ended emptied', ({ type, target }) => {
    if (type.startsWith('play')) playing.add(target);
    else playing.delete(target);
    mediaPlaying(playing.size > 0);
  });
}
