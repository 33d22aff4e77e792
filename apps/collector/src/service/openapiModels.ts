/**
 * The models' part of the OpenAPI document (DESIGN.md, "Review and adjust"):
 * the active models, their history, applying new ones with the admin key, and
 * previewing and calibrating candidates with the read key.
 */
import { EVENT_NAME } from '@dwell/score';
import { error, json, jsonBody, pathParameter, readErrors, record, ref } from './openapiParts.js';
import { RANGE, VERSION } from './openapiModelSchemas.js';

export { MODEL_SCHEMAS } from './openapiModelSchemas.js';

/** The days an outcome is looked for in. */
const days = { type: 'integer', minimum: 1, maximum: 90 };

/**
 * `{model?, reader?}` and what else a body adds: a candidate content model,
 * reader model, or both (`required`: at least one; a preview may leave both
 * out and previews the active ones).
 */
const candidates = (extra: Record<string, object> = {}, required = true) => ({
  type: 'object',
  additionalProperties: false,
  ...(required && { anyOf: [{ required: ['model'] }, { required: ['reader'] }] }),
  properties: {
    model: { ...ref('Model'), description: 'A content model (`kind` "content" or left out)' },
    reader: { ...ref('Model'), description: 'A reader model (`kind` "reader" or left out)' },
    ...extra,
  },
});

const site = pathParameter('site', 'Site id');
const readKey = [{ readKey: [] }];

/** `GET /model`, the SDK's, and `PUT /model`, which applies new ones. */
export const SITE_MODEL_PATH = {
  '/v1/sites/{site}/model': {
    get: {
      tags: ['Models'],
      summary: "The site's content and reader models, as the SDK reads them (public, ETag)",
      parameters: [site],
      responses: {
        200: json('`{"version", "model", "reader": {"version", "model"}}`', {
          type: 'object',
          properties: {
            version: VERSION,
            model: ref('Model'),
            reader: { type: 'object', properties: { version: VERSION, model: ref('Model') } },
          },
        }),
        304: { description: 'Not modified (If-None-Match)' },
        404: error('Unknown site'),
      },
    },
    put: {
      tags: ['Models'],
      summary: 'Apply a content model, a reader model, or both: every score from now on, history re-scored',
      security: [{ adminKey: [] }],
      parameters: [site],
      requestBody: jsonBody(candidates()),
      responses: {
        200: json('The active models and when they were applied', ref('AppliedModels')),
        400: error('A bad body or model (`invalid_model`), the field named in `issues`'),
        401: error('No admin key, or a key of no site'),
        403: error("A read key, or another site's admin key"),
      },
    },
  },
};

/** `GET /models`, and the preview and calibration of candidates. */
export const MODEL_PATHS = {
  '/v1/sites/{site}/models': {
    get: {
      tags: ['Models'],
      summary: 'The history of the applied models, newest first',
      security: readKey,
      parameters: [site],
      responses: {
        200: json('Each applied model, the active one of each kind marked', ref('ModelHistory')),
        ...readErrors,
      },
    },
  },
  '/v1/sites/{site}/models/preview': {
    post: {
      tags: ['Models'],
      summary: "Candidate models on the site's history beside the current ones: ranking, scores and bands",
      security: readKey,
      parameters: [site],
      requestBody: jsonBody(candidates(RANGE, false)),
      responses: {
        200: json('Both rankings and band counts side by side', ref('Preview')),
        ...readErrors,
        400: error('A bad body or model, the field named in `issues`'),
      },
    },
  },
  '/v1/sites/{site}/models/calibrate': {
    post: {
      tags: ['Models'],
      summary:
        "Each signal's power to predict an outcome, weights fitted to it, and the held-out AUC of both",
      security: readKey,
      parameters: [site],
      requestBody: jsonBody({
        type: 'object',
        additionalProperties: false,
        required: ['scope', 'outcome'],
        properties: {
          scope: { type: 'string', enum: ['content', 'reader'], description: 'Which model to calibrate' },
          outcome: {
            description: 'A return visit within N days, or a custom event (e.g. `subscribe`) within N days',
            oneOf: [
              record({ return_within_days: days }),
              record({ event: { type: 'string', pattern: EVENT_NAME.source }, within_days: days }),
            ].map((outcome) => ({ ...outcome, additionalProperties: false })),
          },
          ...RANGE,
        },
      }),
      responses: {
        200: json('The signals, the suggested model and both AUCs', ref('Calibration')),
        ...readErrors,
        400: error('A bad body, the field named in `issues`'),
        422: json('Too few positives or negatives to fit and test on', ref('TooLittleData')),
      },
    },
  },
};
