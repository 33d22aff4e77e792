/** The page's calls that record an event by name: feedback, shares and custom events. */
import { isEventName, isRating } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import { warn } from './guard.js';
import { emit, share } from './tracker.js';

/**
 * Records the reader's rating of the current content, an integer from 1 ("not
 * worth my time") to 5 ("very worth it"); a later one replaces it.
 */
export function feedback(rating: number): void {
  // The collector refuses anything else: counting it here would make the local scores differ.
  if (!isRating(rating)) return warn(8, rating);
  emit({ type: 'feedback', rating });
}

/** Records a share (`track('share', { channel })`) or a custom event by name. */
export function track(name: string, props?: Record<string, unknown>): void {
  if (name === 'share') return share(String(props?.channel || 'manual'));
  // The collector refuses other names: counting one here would make the local score differ.
  if (!isEventName(name)) return warn(6, name);
  // Props count in no score; ones too large to deliver are left out, not the event.
  const fit = props && JSON.stringify(props).length < 8_192;
  if (props && !fit) warn(7, name);
  emit({ type: 'custom', name, ...(fit && { props }) } as WireEvent);
}
