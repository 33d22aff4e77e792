/**
 * The real server as a child process (`node apps/collector/dist/main.js`,
 * built first): every event acknowledged with a 202 survives a SIGKILL right
 * after the 202s, and SIGTERM lets a request in flight finish.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, emptyState, fold, score } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import { BROWSER, tempDir } from './testing.js';
import { buildCollector, MAIN, postBatch as post, ROOT, startCollectorProcess } from './testing/process.js';

const start = (dataDir: string) => startCollectorProcess({ DWELL_DATA_DIR: dataDir });

function batchOf(index: number, now: number) {
  const events: WireEvent[] = Array.from({ length: 20 }, (_, n) => {
    const base = {
      id: `d-${index}-${n}`,
      content: `/a/${index % 3}`,
      session: `s-${index}-${n % 2}`,
      ts: now - 1_000 + n,
    };
    return n % 4 === 0 ? { ...base, type: 'view' } : { ...base, type: 'engage', ms: 7_000 };
  });
  return { site: 'demo', visitor: `v${index}`, sent_at: now, events };
}

// npm test builds first; this makes a lone `vitest run` test the current sources too.
beforeAll(buildCollector, 60_000);

describe('the collector process', () => {
  it('keeps every acknowledged event through a SIGKILL right after the 202s', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const now = Date.now();
    const batches = Array.from({ length: 30 }, (_, index) => batchOf(index, now));
    const responses = await Promise.all(batches.map((batch) => post(first.url, batch)));
    const bodies = await Promise.all(responses.map((response) => response.json()));
    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(202));
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    expect(bodies.reduce((sum, body) => sum + body.accepted, 0)).toBe(600);

    const db = new Database(join(dataDir, 'dwell.db'));
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 600 });
    db.close();

    const second = await start(dataDir);
    try {
      const again = await Promise.all(batches.map((batch) => post(second.url, batch).then((r) => r.json())));
      expect(again.every((body) => body.accepted === 0 && body.duplicates === 20)).toBe(true);
      for (const batch of batches.slice(0, 5)) {
        const content = batch.events[0]!.content;
        const response = await fetch(
          `${second.url}/v1/sites/demo/visitors/${batch.visitor}/score?content=${encodeURIComponent(content)}`,
          { headers: { authorization: 'Bearer demo-read-key' } },
        );
        const state = fold(emptyState(), batch.events, { now: Date.now(), windowDays: 30 });
        expect(await response.json()).toMatchObject(score(state, DEFAULT_MODEL));
      }
    } finally {
      second.child.kill('SIGKILL');
    }
  });

  it('finishes a request in flight on SIGTERM, closes the store and exits 0', async () => {
    const running = await start(tempDir());
    const body = JSON.stringify(batchOf(0, Date.now()));
    let sendRest: () => void = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 10)));
        sendRest = () => {
          controller.enqueue(new TextEncoder().encode(body.slice(10)));
          controller.close();
        };
      },
    });
    const pending = fetch(`${running.url}/v1/events`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { 'content-type': 'application/json', 'user-agent': BROWSER },
    } as RequestInit);
    await new Promise((done) => setTimeout(done, 100));
    running.child.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 100));
    sendRest();
    const response = await pending;
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: 20 });
    // 'close', not 'exit': the last lines may still be in the pipe when the process has exited.
    const [code] = await once(running.child, 'close');
    expect(code).toBe(0);
    expect(running.output()).toMatch(/SIGTERM: finishing requests in flight[\s\S]*dwell collector stopped/);
  });

  it('refuses to start with a bad configuration, naming it', async () => {
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', PORT: '0', DWELL_CONFIG: '', DWELL_DATABASE_URL: '' },
    });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(errors).toMatch(/invalid configuration: DWELL_CONFIG is required when NODE_ENV=production/);
  });
});
