/**
 * The schemas of the models' part of the OpenAPI document (`openapiModels.ts`).
 * `Model` is the JSON Schema of the zod schema every model the collector loads
 * or is sent is checked with, so the two cannot drift apart.
 */
import { DEFAULT_MODEL, EVENT_NAME, MEASURES, READER_MEASURES } from '@dwell/score';
import { modelSchema } from '@dwell/score/schema';
import { rangeQuery } from '../read/params.js';
import { property, record, ref, schema } from './openapiParts.js';

/** zod cannot say what a measure is (a custom check): the names it accepts. */
const MEASURE = {
  description: 'A measure of the states the model scores (its `kind`), or `custom:<event name>`',
  anyOf: [
    { type: 'string', enum: [...new Set([...MEASURES, ...READER_MEASURES])] },
    { type: 'string', pattern: `^custom:${EVENT_NAME.source.slice(1)}` },
  ],
};

function modelComponent(): Record<string, unknown> {
  const model = schema(modelSchema);
  const signals = (model.properties as { signals: { additionalProperties: { properties: object } } }).signals;
  signals.additionalProperties.properties = { ...signals.additionalProperties.properties, measure: MEASURE };
  return {
    ...model,
    description:
      'A scoring model: points per signal (each a measure, per unit, capped), the maximum, the bands, the window and the session timeout. `kind` "reader" scores readers of the whole site.',
    examples: [DEFAULT_MODEL],
  };
}

/** A model's version, as every score and answer names it. */
export const VERSION = { type: 'string', description: "A model's version: the hash of its canonical JSON" };
const count = { type: 'integer', minimum: 0 };
const rate = { type: 'number', minimum: 0, maximum: 1 };
const day = property(rangeQuery, 'from');
/** `from`/`to` of a preview or a calibration, as the read endpoints take them. */
export const RANGE = {
  from: { ...day, description: 'First day of the history, YYYY-MM-DD' },
  to: { ...day, description: 'Last day of the history, YYYY-MM-DD' },
};
const versions = record({ model: VERSION, reader: VERSION });
const bandCounts = {
  type: 'object',
  additionalProperties: count,
  description: 'Readers (or contents) by band',
};

/** One applied model, as the history lists it. */
const historyItem = record({
  kind: { type: 'string', enum: ['content', 'reader'] },
  version: VERSION,
  applied_at: { type: 'string', format: 'date-time' },
  active: { type: 'boolean', description: 'The one in use: the newest of its kind' },
  source: {
    type: 'string',
    enum: ['config', 'api'],
    description: '`config`: DWELL_CONFIG; `api`: PUT',
  },
  model: ref('Model'),
});

/** The components the models' paths refer to. */
export const MODEL_SCHEMAS = {
  Model: modelComponent(),
  ModelHistory: record({
    site: { type: 'string' },
    models: {
      type: 'array',
      description: 'Newest first',
      items: historyItem,
    },
  }),
  AppliedModels: record({
    site: { type: 'string' },
    version: VERSION,
    model: ref('Model'),
    reader: record({ version: VERSION, model: ref('Model') }),
    applied_at: {
      type: 'string',
      format: 'date-time',
      description: 'When the active models were applied (now, unless they were active already)',
    },
    applied: {
      type: 'array',
      description: 'The models this call recorded, as in the history: none when they were active already',
      items: historyItem,
    },
  }),
  Preview: record({
    site: { type: 'string' },
    ...RANGE,
    current: versions,
    candidate: versions,
    contents: {
      type: 'array',
      items: record({
        content: { type: 'string' },
        title: { type: ['string', 'null'] },
        readers: count,
        score: { type: 'number', description: 'Under the current model, 0–100' },
        rank: { type: 'integer', minimum: 1 },
        candidate_score: { type: 'number', description: 'Under the candidate, 0–100' },
        candidate_rank: { type: 'integer', minimum: 1 },
      }),
    },
    bands: record({ current: bandCounts, candidate: bandCounts }),
    readers: record({
      readers: count,
      bands: record({ current: bandCounts, candidate: bandCounts }),
      moved: record({ up: count, down: count }, 'Readers the candidate puts in a higher or a lower band'),
    }),
  }),
  Calibration: record({
    site: { type: 'string' },
    scope: { type: 'string', enum: ['content', 'reader'] },
    ...RANGE,
    n: count,
    positives: count,
    split: record(
      {
        fit: record({ n: count, positives: count, to: day }),
        test: record({ n: count, positives: count, from: day }),
      },
      'The weights are fitted on the earlier part and the AUCs measured on the later, held-out part',
    ),
    signals: {
      type: 'array',
      items: record({
        signal: { type: 'string' },
        measure: MEASURE,
        points: { type: 'number' },
        suggested_points: { type: 'number' },
        with: record({ n: count, rate }, 'Those with the signal, and the rate of the outcome among them'),
        without: record({ n: count, rate }),
        lift: {
          type: ['number', 'null'],
          description: 'Rate with over rate without; null when that is undefined',
        },
        auc: rate,
      }),
    },
    suggested: record({ model: ref('Model'), version: VERSION }),
    auc: record({ current: rate, suggested: rate }, 'On the held-out part'),
    verdict: { type: 'string', enum: ['suggested', 'no_signal'] },
  }),
  TooLittleData: record({
    error: record({
      code: { type: 'string', const: 'too_little_data' },
      message: { type: 'string' },
      issues: { type: 'array', maxItems: 0 },
    }),
    part: {
      type: 'string',
      enum: ['all', 'fit', 'test'],
      description: 'Where examples were missing: the whole range, or its earlier (fit) or later (test) part',
    },
    positives: count,
    negatives: count,
    needed: { ...count, description: 'The least of each the calibration needs' },
  }),
};
