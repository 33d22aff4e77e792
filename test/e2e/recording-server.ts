/**
 * A small collector stand-in for testing the built SDK: serves pages and
 * `dwell.js`, records every batch it receives, and can be told to fail.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SITE_MODEL } from '../../packages/sdk/src/models.js';
import { modelsStatement } from '../../apps/collector/src/service/sdkBundle.js';
import type { SiteModels } from '../../apps/collector/src/sites.js';
import type { Envelope, WireEvent } from '@dwell/contract';

export const SDK_BUNDLE = fileURLToPath(new URL('../../packages/sdk/dist/dwell.js', import.meta.url));

export interface Received {
  envelope: Envelope;
  contentType: string;
}

export interface RecordingServer {
  url: string;
  /** Every batch received, in order. */
  received: Received[];
  /** Every event received, duplicates included. */
  events(): WireEvent[];
  /** Status to answer `POST /v1/events` with; 202 by default. */
  status: number;
  /** HTML body of the page at a path. */
  pages: Map<string, string>;
  /** The models served with `dwell.js` (as the collector does) and at `GET /v1/sites/demo/model`; the defaults by default. */
  model: SiteModels;
  close(): Promise<void>;
}

export function pageHtml(body: string, head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Test article</title>${head}
<script defer src="/dwell.js" data-site="demo"></script></head><body>${body}</body></html>`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const bundle = readFileSync(SDK_BUNDLE, 'utf8');
  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'POST' && path === '/v1/events') {
      const body = await readBody(request);
      recorder.received.push({
        envelope: JSON.parse(body) as Envelope,
        contentType: request.headers['content-type'] ?? '',
      });
      response.writeHead(recorder.status, { 'content-type': 'application/json', 'retry-after': '1' });
      return response.end('{}');
    }
    if (path === '/dwell.js') {
      response.writeHead(200, { 'content-type': 'application/javascript' });
      return response.end(modelsStatement({ demo: recorder.model }) + bundle);
    }
    if (path === '/v1/sites/demo/model') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify(recorder.model));
    }
    const page = recorder.pages.get(path);
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html' });
    response.end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const recorder: RecordingServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: [],
    events: () => recorder.received.flatMap((batch) => batch.envelope.events),
    status: 202,
    pages: new Map(),
    model: DEFAULT_SITE_MODEL,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return recorder;
}
