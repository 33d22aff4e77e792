/**
 * The CSV export: the collector writes the file (`format=csv`, same filters
 * as the table); the page fetches it with the read key — a plain link could
 * not send the key — and hands it to the browser as a download.
 */
import { getBlob, type Params } from './api.js';
import type { Credentials } from './session.js';

export async function downloadCsv(credentials: Credentials, params: Params): Promise<void> {
  const blob = await getBlob(credentials, '/content', { ...params, limit: 1000, format: 'csv' });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = `dwell-${credentials.site}-${params.from ?? ''}-${params.to ?? ''}.csv`;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
