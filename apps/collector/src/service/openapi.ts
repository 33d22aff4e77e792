/**
 * `GET /v1/openapi.json`: the API as OpenAPI 3.1. Written by hand around the
 * JSON Schemas that zod derives from the very schemas the handlers validate
 * with, so the document cannot drift from the validation.
 */
import type { Handler } from 'hono';
import { z } from 'zod';
import { envelopeSchema, eventSchema } from '../ingest/schema.js';
import {
  contentListQuery,
  dropsQuery,
  rangeQuery,
  readersQuery,
  signalsQuery,
  visitorScoreQuery,
} from '../read/params.js';
import type { AppEnv } from '../http/env.js';

/** The JSON Schema of a zod schema, for embedding (without its `$schema` line). */
function schema(type: z.ZodType): Record<string, unknown> {
  const json: Record<string, unknown> = z.toJSONSchema(type, { unrepresentable: 'any', io: 'input' });
  delete json.$schema;
  return json;
}

/** Query parameters of an object schema, as OpenAPI parameters. */
function queryParameters(type: z.ZodObject, required: readonly string[] = []) {
  const properties = (schema(type).properties ?? {}) as Record<string, object>;
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema: property,
  }));
}

const pathParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const json = (description: string, body: object = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema: body } },
});

const readErrors = {
  400: error('A bad parameter, named in `issues`'),
  401: error('No read key, or a key of no site'),
  403: error("Another site's read key"),
};

const item = {
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

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Dwell collector',
    version: '1',
    description: 'Content-engagement analytics: ingest and read API.',
  },
  components: {
    securitySchemes: { readKey: { type: 'http', scheme: 'bearer', description: "The site's read key" } },
    schemas: {
      Envelope: {
        ...schema(envelopeSchema),
        properties: {
          ...(schema(envelopeSchema).properties as object),
          events: { type: 'array', items: { $ref: '#/components/schemas/Event' }, maxItems: 1000 },
        },
      },
      Event: schema(eventSchema),
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message', 'issues'],
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              issues: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { path: { type: 'string' }, message: { type: 'string' } },
                },
              },
            },
          },
        },
      },
      ContentItem: item,
    },
  },
  paths: {
    '/v1/events': {
      post: {
        summary: 'Ingest a batch of events (fetch keepalive as JSON, or sendBeacon as text/plain)',
        description:
          'A batch from a user agent isbot names a bot is answered 202 with `bot: true` and not counted; ' +
          'one without a user agent (a server-side sender) is counted. A server-side sender may compress the body.',
        parameters: [
          {
            name: 'Content-Encoding',
            in: 'header',
            required: false,
            description:
              'gzip, deflate (zlib) or br is decoded, held to 64 KiB compressed and decoded; any other coding is 415',
            schema: { type: 'string', enum: ['gzip', 'x-gzip', 'deflate', 'br', 'identity'] },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/Envelope' } },
            'text/plain': { schema: { $ref: '#/components/schemas/Envelope' } },
          },
        },
        responses: {
          202: json('Stored durably; `rejected` lists the bad events by index', {
            type: 'object',
            properties: {
              accepted: { type: 'integer' },
              duplicates: { type: 'integer' },
              rejected: { type: 'array' },
              bot: {
                type: 'boolean',
                const: true,
                description: 'Present when the batch was not counted because its user agent is a bot',
              },
            },
          }),
          400: error(
            'Not JSON, a bad envelope, or a body that is not what its Content-Encoding says (`invalid_encoding`)',
          ),
          403: error('Unknown site, or an origin the site does not accept'),
          413: error('Body over 64 KiB, compressed or once decoded (the connection is closed)'),
          415: error(
            'Neither application/json nor text/plain, or a Content-Encoding other than gzip, deflate, br or identity (`unsupported_encoding`)',
          ),
          429: error('Too many requests from this client: see Retry-After'),
          503: error('The store could not commit: send again'),
        },
      },
    },
    '/v1/sites/{site}/model': {
      get: {
        summary: "The site's content and reader models, as the SDK reads them (public, ETag)",
        parameters: [pathParameter('site', 'Site id')],
        responses: {
          200: json('`{"version", "model", "reader": {"version", "model"}}`', {
            type: 'object',
            properties: {
              version: { type: 'string' },
              model: { type: 'object' },
              reader: {
                type: 'object',
                properties: { version: { type: 'string' }, model: { type: 'object' } },
              },
            },
          }),
          304: { description: 'Not modified (If-None-Match)' },
          404: error('Unknown site'),
        },
      },
    },
    '/v1/sites/{site}/content': {
      get: {
        summary: 'Content ranked by engagement (lower bound of the 95% interval), or by views',
        security: [{ readKey: [] }],
        parameters: [pathParameter('site', 'Site id'), ...queryParameters(contentListQuery)],
        responses: {
          200: json('Ranked items and the model version (`format=csv`: the same items as text/csv)', {
            type: 'object',
            properties: {
              model: { type: 'string' },
              from: { type: 'string' },
              to: { type: 'string' },
              items: { type: 'array', items: { $ref: '#/components/schemas/ContentItem' } },
            },
          }),
          ...readErrors,
        },
      },
    },
    '/v1/sites/{site}/content/{content}': {
      get: {
        summary: 'One content item with a daily series',
        security: [{ readKey: [] }],
        parameters: [
          pathParameter('site', 'Site id'),
          pathParameter('content', 'Content id, URL-encoded'),
          ...queryParameters(rangeQuery),
        ],
        responses: {
          200: json('The item, `model` and `series`'),
          ...readErrors,
          404: error('Content never seen'),
        },
      },
    },
    '/v1/sites/{site}/visitors/{visitor}/score': {
      get: {
        summary:
          "A visitor's authoritative score for one content, as @dwell/score's score() returns it; without `content`, the reader score",
        security: [{ readKey: [] }],
        parameters: [
          pathParameter('site', 'Site id'),
          pathParameter('visitor', 'Visitor id'),
          ...queryParameters(visitorScoreQuery),
        ],
        responses: {
          200: json(
            '`{site, visitor, content, score, raw, band, model, signals}`; without `content`: `{site, visitor, score, raw, band, model, signals, active_days, contents, engaged_ms, rating_mean, last_seen}`',
          ),
          ...readErrors,
        },
      },
    },
    '/v1/sites/{site}/readers': {
      get: {
        summary:
          'Reader segments in a range: band counts, readers by band each day, movement against the previous period, readers at risk',
        security: [{ readKey: [] }],
        parameters: [pathParameter('site', 'Site id'), ...queryParameters(readersQuery)],
        responses: {
          200: json(
            '`{model, from, to, readers, bands, series[], movement, at_risk[]}` (`format=csv&band=`: the readers of one band as text/csv)',
          ),
          ...readErrors,
        },
      },
    },
    '/v1/sites/{site}/overview': {
      get: {
        summary: 'The whole site over a range: score, interval, bands, visitors, views, and a daily series',
        security: [{ readKey: [] }],
        parameters: [pathParameter('site', 'Site id'), ...queryParameters(rangeQuery)],
        responses: {
          200: json(
            '`{score, low, high, band, bands, contents, visitors, readers, views, shares, engaged_ms_avg, repeat_rate, series[]}`',
          ),
          ...readErrors,
        },
      },
    },
    '/v1/sites/{site}/drops': {
      get: {
        summary:
          'Content whose mean score fell against the previous period of the same length, largest drop first',
        security: [{ readKey: [] }],
        parameters: [pathParameter('site', 'Site id'), ...queryParameters(dropsQuery)],
        responses: {
          200: json('`{from, to, previous_from, previous_to, items[]}`'),
          ...readErrors,
        },
      },
    },
    '/v1/sites/{site}/signals': {
      get: {
        summary: "What each signal of the model adds to one content's score, on average per reader",
        security: [{ readKey: [] }],
        parameters: [pathParameter('site', 'Site id'), ...queryParameters(signalsQuery, ['content'])],
        responses: {
          200: json('`{content, readers, signals[]: {signal, points, score_points, readers}}`'),
          ...readErrors,
        },
      },
    },
    '/dashboard': {
      get: {
        summary: "The editors' dashboard (strict Content-Security-Policy, ETag)",
        responses: { 200: { description: 'HTML' }, 304: { description: 'Not modified' } },
      },
    },
    '/dwell.js': {
      get: {
        summary: 'The SDK bundle (ETag, Cache-Control)',
        responses: {
          200: { description: 'JavaScript' },
          304: { description: 'Not modified' },
          404: error('Not built yet'),
        },
      },
    },
    '/healthz': {
      get: {
        summary: 'Liveness and storage check',
        responses: { 200: json('`{"status": "ok"}`'), 503: error('The store does not answer') },
      },
    },
  },
};

export function openapi(): Handler<AppEnv> {
  const body = JSON.stringify(OPENAPI);
  return function getOpenapi(c) {
    return c.body(body, 200, {
      'Content-Type': 'application/json; charset=UTF-8',
      'Cache-Control': 'public, max-age=300',
    });
  };
}
