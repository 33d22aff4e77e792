/**
 * Review and adjust (DESIGN.md): `GET /models`, the history of the applied
 * models, `POST /models/preview` and `POST /models/calibrate` (read key),
 * and `PUT /model`, which applies new ones (admin key): from the moment it
 * answers every score is computed with them and names their versions, and
 * the model endpoint's ETag has changed.
 */
import { Hono, type Context } from 'hono';
import type { AppliedModels, Issue, ModelHistory, ModelHistoryItem } from '@dwell/contract';
import type { Sites } from '../sites.js';
import type { Store } from '../store/store.js';
import type { AppEnv } from '../http/env.js';
import { adminAuth } from '../http/adminAuth.js';
import { errorBody, fieldList, problem } from '../http/errors.js';
import { readAuth } from '../http/readAuth.js';
import { validate } from '../http/validate.js';
import { siteParams } from '../read/params.js';
import { calibrateBody, candidateBody, checkCandidates, previewBody } from './bodies.js';
import type { StoredModel } from '../store/siteModels.js';
import type { ModelChanges } from './modelChanges.js';
import { preview } from './preview.js';
import { calibrationAnswer, runCalibration } from './calibrationRun.js';
import type { Outcome } from './calibrationExamples.js';
import { dayOf } from '../days.js';
import { rangeOf } from '../read/query.js';

/** The 400 of a candidate model the schema refuses, each bad field named (`model.signals.share.points`). */
function invalidModel(c: Context, issues: Issue[]): Response {
  return problem(c, 400, 'invalid_model', `invalid model: ${fieldList(issues)}`, issues);
}

function historyItem(entry: StoredModel, active: boolean): ModelHistoryItem {
  return {
    kind: entry.kind,
    version: entry.version,
    applied_at: new Date(entry.appliedAt).toISOString(),
    active,
    source: entry.source,
    model: entry.model,
  };
}

export function modelRoutes(sites: Sites, store: Store, changes: ModelChanges, now: () => number) {
  const app = new Hono<AppEnv>();
  app.get('/:site/models', readAuth(sites), validate('param', siteParams), async function getModels(c) {
    const site = c.get('site')!;
    const history = await store.siteModels(site.id);
    const seen = new Set<string>();
    const models = history.map((entry) => {
      const active = !seen.has(entry.kind);
      seen.add(entry.kind);
      return historyItem(entry, active);
    });
    return c.json({ site: site.id, models } satisfies ModelHistory);
  });
  app.post(
    '/:site/models/preview',
    readAuth(sites),
    validate('param', siteParams),
    validate('json', previewBody),
    async function postPreview(c) {
      const site = c.get('site')!;
      const { from, to, ...models } = c.req.valid('json');
      const checked = checkCandidates(models);
      if (!checked.ok) {
        return invalidModel(c, checked.issues);
      }
      const range = rangeOf(c, { from, to }, site.model.windowDays, now());
      if (range instanceof Response) return range;
      return c.json(await preview(store, site, checked, range));
    },
  );
  app.post(
    '/:site/models/calibrate',
    readAuth(sites),
    validate('param', siteParams),
    validate('json', calibrateBody),
    async function postCalibrate(c) {
      const site = c.get('site')!;
      const { scope, outcome, from, to } = c.req.valid('json');
      const model = scope === 'content' ? site.model : site.readerModel;
      const at = now();
      const range = rangeOf(c, { from, to }, model.windowDays, at);
      if (range instanceof Response) return range;
      const wanted: Outcome =
        'return_within_days' in outcome
          ? { kind: 'return', withinDays: outcome.return_within_days }
          : { kind: 'event', event: outcome.event, withinDays: outcome.within_days };
      const result = await runCalibration(store, site, scope, wanted, range, dayOf(at));
      if (!result.ok) {
        const { positives, negatives, needed, part } = result;
        const where =
          part === 'all' ? 'the range' : `the ${part === 'fit' ? 'earlier' : 'later'} part of the range`;
        const message = `too little data to calibrate: ${where} has ${positives} positive and ${negatives} negative examples, and each needs at least ${needed}`;
        return c.json({ ...errorBody('too_little_data', message), positives, negatives, needed, part }, 422);
      }
      return c.json(calibrationAnswer(site, scope, range, result.report));
    },
  );
  app.put(
    '/:site/model',
    adminAuth(sites),
    validate('param', siteParams),
    validate('json', candidateBody),
    async function putModel(c) {
      const site = c.get('site')!;
      const checked = checkCandidates(c.req.valid('json'));
      if (!checked.ok) {
        return invalidModel(c, checked.issues);
      }
      const candidate = { model: checked.model, reader: checked.reader };
      const at = now();
      const applied = await changes.apply(site.id, candidate, at);
      // Applying the active models again changes nothing: the answer says when they were applied.
      const appliedAt = applied[0]?.appliedAt ?? (await store.siteModels(site.id))[0]?.appliedAt ?? at;
      return c.json({
        site: site.id,
        version: site.version,
        model: site.model,
        reader: { version: site.readerVersion, model: site.readerModel },
        applied_at: new Date(appliedAt).toISOString(),
        applied: applied.map((entry) => historyItem(entry, true)),
      } satisfies AppliedModels);
    },
  );
  return app;
}
