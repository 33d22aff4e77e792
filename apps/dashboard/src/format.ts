/** How numbers, durations and days read to an editor. */
const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatInt = (value: number) => integer.format(value);
export const formatScore = (value: number) => decimal.format(value);
export const formatPercent = (rate: number) => `${integer.format(rate * 100)}%`;

/** `1 min 05 s`, `42 s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** `YYYY-MM-DD` of a UTC day `offset` days from today. */
export function isoDay(offset = 0, now = Date.now()): string {
  return new Date(now + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Unix seconds of a `YYYY-MM-DD` UTC day, the x values of the charts. */
export function daySeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/** `22 Nov 2026` */
export function formatDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
