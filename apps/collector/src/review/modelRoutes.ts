/**
 * `GET /v1/sites/:site/models`, the history of the applied models (read key),
 * and `PUT /v1/sites/:site/model`, which applies new ones (admin key): from
 * the moment it answers every score is computed with them and names their
 * versions, and the model endpoint's ETag has changed (DESIGN.md, "Review
 * and adjust").
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { parseModelOf } from '@dwell/score/schema';
import type { Model } from '@dwell/score';
import type { Sites } from '../sites.js';
import type { Store } from '../store/store.js';
import type { AppEnv } from '../http/env.js';
import { adminAuth } from '../http/adminAuth.js';
import { fieldList, problem } from '../http/errors.js';
import { readAuth } from '../http/readAuth.js';
import { validate } from '../http/validate.js';
import { rangeQuery, siteParams } from '../read/params.js';
import type { StoredModel } from '../store/siteModels.js';
import type { ModelChanges } from './modelChanges.js';
import { preview } from './preview.js';
import { rangeOf } from '../read/query.js';

const candidateFields = { model: z.unknown().optional(), reader: z.unknown().optional() };

/** The body of `PUT /model`: either model, or both; each checked by `parseModelOf`. */
export const candidateBody = z
  .strictObject(candidateFields)
  .refine((body) => body.model !== undefined || body.reader !== undefined, {
    message: 'give a model, a reader model, or both',
    path: ['model'],
  });

/** The body of a preview: the candidates (each defaults to the active model) and the range. */
export const previewBody = z.strictObject({ ...candidateFields, ...rangeQuery.shape });

export type CandidateCheck =
  { ok: true; model?: Model; reader?: Model } | { ok: false; issues: { path: string; message: string }[] };

/** Validates the candidate models of a body, each at its field's path. */
export function checkCandidates(body: { model?: unknown; reader?: unknown }): CandidateCheck {
  const result: { model?: Model; reader?: Model } = {};
  const issues: { path: string; message: string }[] = [];
  for (const [field, kind] of [
    ['model', 'content'],
    ['reader', 'reader'],
  ] as const) {
    if (body[field] === undefined) continue;
    const parsed = parseModelOf(body[field], kind);
    if (parsed.ok) result[field] = parsed.model;
    else
      issues.push(
        ...parsed.issues.map((issue) => ({
          ...issue,
          path: `${field}${issue.path ? `.${issue.path}` : ''}`,
        })),
      );
  }
  return issues.length ? { ok: false, issues } : { ok: true, ...result };
}

function historyItem(entry: StoredModel, active: boolean) {
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
    return c.json({ site: site.id, models });
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
        return problem(
          c,
          400,
          'invalid_model',
          `invalid model: ${fieldList(checked.issues)}`,
          checked.issues,
        );
      }
      const range = rangeOf(c, { from, to }, site.model.windowDays, now());
      if (range instanceof Response) return range;
      return c.json(await preview(store, site, checked, range));
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
        return problem(
          c,
          400,
          'invalid_model',
          `invalid model: ${fieldList(checked.issues)}`,
          checked.issues,
        );
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
      });
    },
  );
  return app;
}
