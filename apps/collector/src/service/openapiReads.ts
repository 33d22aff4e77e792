/**
 * The read API's part of the OpenAPI document: the ranked content, one
 * content item, a visitor's score, reader segments, the overview, the drops
 * and the signals, each with the read key.
 */
import {
  contentListQuery,
  dropsQuery,
  rangeQuery,
  readersQuery,
  signalsQuery,
  visitorScoreQuery,
} from '../read/params.js';
import { error, json, pathParameter, queryParameters, readErrors, ref } from './openapiParts.js';

/** One ranked content item of `GET /content`. */
export const CONTENT_ITEM_SCHEMA = {
  type: 'object',
  required: [
    'content',
    'title',
    'score',
    'band',
    'low',
    'high',
    'readers',
    'views',
    'engaged_ms_avg',
    'shares',
    'repeat_rate',
    'bands',
  ],
  properties: {
    content: { type: 'string' },
    title: { type: ['string', 'null'] },
    score: { type: 'number', description: "Mean of the readers' scores, 0–100" },
    band: { type: 'string' },
    low: { type: 'number', description: '95% interval, lower bound: the ranking key' },
    high: { type: 'number' },
    readers: { type: 'integer' },
    views: { type: 'integer' },
    engaged_ms_avg: { type: 'integer' },
    shares: { type: 'integer' },
    repeat_rate: { type: 'number' },
    bands: { type: 'object', additionalProperties: { type: 'integer' } },
    url: { type: ['string', 'null'] },
    section: { type: ['string', 'null'] },
    author: { type: ['string', 'null'] },
  },
};

const site = pathParameter('site', 'Site id');

/** A read operation: tagged, behind the read key, answering the read errors besides `responses`. */
function read(summary: string, parameters: object[], responses: Record<string, object>) {
  return {
    get: {
      tags: ['Read'],
      summary,
      security: [{ readKey: [] }],
      parameters: [site, ...parameters],
      responses: { ...responses, ...readErrors },
    },
  };
}

export const READ_PATHS = {
  '/v1/sites/{site}/content': read(
    'Content ranked by engagement (lower bound of the 95% interval), or by views',
    queryParameters(contentListQuery),
    {
      200: json('Ranked items and the model version (`format=csv`: the same items as text/csv)', {
        type: 'object',
        properties: {
          model: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          items: { type: 'array', items: ref('ContentItem') },
        },
      }),
    },
  ),
  '/v1/sites/{site}/content/{content}': read(
    'One content item with a daily series',
    [pathParameter('content', 'Content id, URL-encoded'), ...queryParameters(rangeQuery)],
    { 200: json('The item, `model` and `series`'), 404: error('Content never seen') },
  ),
  '/v1/sites/{site}/visitors/{visitor}/score': read(
    "A visitor's authoritative score for one content, as @dwell/score's score() returns it; without `content`, the reader score",
    [pathParameter('visitor', 'Visitor id'), ...queryParameters(visitorScoreQuery)],
    {
      200: json(
        '`{site, visitor, content, score, raw, band, model, signals}`; without `content`: `{site, visitor, score, raw, band, model, signals, active_days, contents, engaged_ms, rating_mean, last_seen}`',
      ),
    },
  ),
  '/v1/sites/{site}/readers': read(
    'Reader segments in a range: band counts, readers by band each day, movement against the previous period, readers at risk',
    queryParameters(readersQuery),
    {
      200: json(
        '`{model, from, to, readers, bands, series[], movement, at_risk[]}` (`format=csv&band=`: the readers of one band as text/csv)',
      ),
    },
  ),
  '/v1/sites/{site}/overview': read(
    'The whole site over a range: score, interval, bands, visitors, views, and a daily series',
    queryParameters(rangeQuery),
    {
      200: json(
        '`{score, low, high, band, bands, contents, visitors, readers, views, shares, engaged_ms_avg, repeat_rate, series[]}`',
      ),
    },
  ),
  '/v1/sites/{site}/drops': read(
    'Content whose mean score fell against the previous period of the same length, largest drop first',
    queryParameters(dropsQuery),
    { 200: json('`{from, to, previous_from, previous_to, items[]}`') },
  ),
  '/v1/sites/{site}/signals': read(
    "What each signal of the model adds to one content's score, on average per reader",
    queryParameters(signalsQuery, ['content']),
    { 200: json('`{content, readers, signals[]: {signal, points, score_points, readers}}`') },
  ),
};
