/**
 * The spill: a page closed right after an event may be torn down before its
 * IndexedDB write commits, while its beacon goes out. The tracker keeps
 * those events where a synchronous write is sure to land, localStorage
 * (`SPILL_KEY`, written by the tracker as the page is hidden), and the next
 * page takes them out and records them.
 */
import type { WireEvent } from '@dwell/contract';

/** localStorage key of the events a page spilled while being hidden. */
export const SPILL_KEY = 'dwell:spilled';

/** The events a page spilled, taken out of localStorage. */
export function takeSpilled(): WireEvent[] {
  try {
    const spilled = JSON.parse(localStorage.getItem(SPILL_KEY) ?? '[]') as WireEvent[];
    localStorage.removeItem(SPILL_KEY);
    return spilled;
  } catch {
    return [];
  }
}
