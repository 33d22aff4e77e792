import { signalPoints, type Signal, type State } from '@dwell/score';

/**
 * The count of a signal as the model uses it, the feature that calibration
 * weighs: its points ÷ points per count, so capped, and 0 outside its bounds.
 * A 0-point signal is there to be evaluated, not used: its in-bounds count,
 * uncapped (the cap, in points, says nothing about counts of 0 points).
 */
export function signalCount(state: State, signal: Signal): number {
  if (signal.points === 0) return signalPoints(state, { ...signal, points: 1, cap: undefined });
  // `+ 0` turns the -0 of 0 ÷ a penalty's points into 0.
  return signalPoints(state, signal) / signal.points + 0;
}
