// Review and adjust over the query benchmark's 1,000,000 states: a preview
// of a candidate model, a calibration against readers coming back within a
// week, and applying the candidate (every state of the site re-scored), each
// timed over loopback HTTP as an editor's dashboard calls it.
import { performance } from 'node:perf_hooks';
import { DEFAULT_MODEL } from '../../packages/score/dist/index.js';

/** The candidate: shares count for nothing. */
const NO_SHARES = {
  ...DEFAULT_MODEL,
  signals: { ...DEFAULT_MODEL.signals, share: { ...DEFAULT_MODEL.signals.share, points: 0 } },
};

async function timed(baseUrl, method, path, body, key) {
  const started = performance.now();
  const response = await globalThis.fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  const ms = performance.now() - started;
  if (response.status !== 200)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return { ms, answer };
}

export async function benchReview(baseUrl) {
  const read = 'demo-read-key';
  const preview = await timed(baseUrl, 'POST', '/v1/sites/demo/models/preview', { model: NO_SHARES }, read);
  const calibrate = await timed(
    baseUrl,
    'POST',
    '/v1/sites/demo/models/calibrate',
    { scope: 'content', outcome: { return_within_days: 7 } },
    read,
  );
  const apply = await timed(baseUrl, 'PUT', '/v1/sites/demo/model', { model: NO_SHARES }, 'demo-admin-key');
  return {
    previewMs: preview.ms,
    contents: preview.answer.contents.length,
    calibrateMs: calibrate.ms,
    examples: calibrate.answer.n,
    auc: calibrate.answer.auc,
    applyMs: apply.ms,
  };
}
