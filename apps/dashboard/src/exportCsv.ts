/**
 * The CSV exports: the collector writes the file (`format=csv`) — the ranked
 * table with the table's filters, or one band of readers (a segment of
 * pseudonymous visitor ids for a newsletter or CRM tool); the page fetches it
 * with the read key — a plain link could not send the key — and hands it to
 * the browser as a download.
 */
import { getBlob, type Params } from './api.js';
import type { Credentials } from './session.js';

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadCsv(credentials: Credentials, params: Params): Promise<void> {
  const blob = await getBlob(credentials, '/content', { ...params, limit: 1000, format: 'csv' });
  save(blob, `dwell-${credentials.site}-${params.from ?? ''}-${params.to ?? ''}.csv`);
}

/** The readers of one band in the range: `visitor,score,band,last_seen`. */
export async function downloadReadersCsv(
  credentials: Credentials,
  range: { from: string; to: string },
  band: string,
): Promise<void> {
  const blob = await getBlob(credentials, '/readers', { ...range, format: 'csv', band });
  save(blob, `dwell-${credentials.site}-readers-${band}-${range.from}-${range.to}.csv`);
}
