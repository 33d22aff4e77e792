/**
 * Sends the fuzz campaign's requests over keep-alive connections with
 * `node:http`, which, unlike `fetch`, sends no user agent of its own and
 * exactly the headers it is given, and a chunked body when asked.
 */
import { Agent, request } from 'node:http';
import type { FuzzRequest } from './fuzzBody.js';

export interface Answer {
  /** The status, or 0 when the connection failed. */
  status: number;
  text: string;
}

export function fuzzSender(url: string, connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(url);
  function send(fuzz: FuzzRequest, path = '/v1/events'): Promise<Answer> {
    return new Promise((resolve) => {
      const headers: Record<string, string | number> = { ...fuzz.headers };
      if (!fuzz.chunkBytes && fuzz.method !== 'GET') headers['content-length'] = fuzz.body.length;
      const outgoing = request({ agent, hostname, port, path, method: fuzz.method, headers }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
        incoming.on('error', (error) => resolve({ status: 0, text: error.message }));
      });
      outgoing.on('error', (error) => resolve({ status: 0, text: error.message }));
      if (fuzz.method === 'GET') return void outgoing.end();
      const step = fuzz.chunkBytes ?? fuzz.body.length;
      for (let at = 0; at < fuzz.body.length; at += step) outgoing.write(fuzz.body.subarray(at, at + step));
      outgoing.end();
    });
  }
  return { send, close: () => agent.destroy() };
}

/** Runs `work` over `items`, `concurrency` at a time, in order of start. */
export async function inPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
