/**
 * `GET /v1/openapi.json`: the API as OpenAPI 3.1. Written by hand around the
 * JSON Schemas that zod derives from the very schemas the handlers validate
 * with, so the document cannot drift from the validation.
 */
import type { Handler } from 'hono';
import { envelopeSchema, eventSchema } from '../ingest/schema.js';
import type { AppEnv } from '../http/env.js';
import { MODEL_PATHS, MODEL_SCHEMAS, SITE_MODEL_PATH } from './openapiModels.js';
import { ERROR_SCHEMA, error, json, ref, schema } from './openapiParts.js';
import { CONTENT_ITEM_SCHEMA, READ_PATHS } from './openapiReads.js';

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Dwell collector',
    version: '1',
    description: 'Content-engagement analytics: ingest, read, and review and adjust the scoring models.',
  },
  tags: [
    { name: 'Ingest', description: 'Events from the SDK or a server-side sender' },
    { name: 'Read', description: "A site's engagement, behind its read key" },
    {
      name: 'Models',
      description: 'The scoring models: review them, preview and calibrate candidates, apply them',
    },
    { name: 'Service', description: 'Pages, the SDK bundle, health' },
  ],
  components: {
    securitySchemes: {
      readKey: { type: 'http', scheme: 'bearer', description: "The site's read key" },
      adminKey: {
        type: 'http',
        scheme: 'bearer',
        description: "The site's admin key from `adminKeys` in DWELL_CONFIG",
      },
    },
    schemas: {
      Envelope: {
        ...schema(envelopeSchema),
        properties: {
          ...(schema(envelopeSchema).properties as object),
          events: { type: 'array', items: ref('Event'), maxItems: 1000 },
        },
      },
      Event: schema(eventSchema),
      Error: ERROR_SCHEMA,
      ContentItem: CONTENT_ITEM_SCHEMA,
      ...MODEL_SCHEMAS,
    },
  },
  paths: {
    '/v1/events': {
      post: {
        tags: ['Ingest'],
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
            'application/json': { schema: ref('Envelope') },
            'text/plain': { schema: ref('Envelope') },
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
    ...SITE_MODEL_PATH,
    ...READ_PATHS,
    ...MODEL_PATHS,
    '/dashboard': {
      get: {
        tags: ['Service'],
        summary: "The editors' dashboard (strict Content-Security-Policy, ETag)",
        responses: { 200: { description: 'HTML' }, 304: { description: 'Not modified' } },
      },
    },
    '/docs': {
      get: {
        tags: ['Service'],
        summary: 'This document as readable, interactive docs (Scalar; strict Content-Security-Policy)',
        responses: { 200: { description: 'HTML' } },
      },
    },
    '/dwell.js': {
      get: {
        tags: ['Service'],
        summary: "The SDK bundle after the sites' models (ETag, Cache-Control)",
        parameters: [
          {
            name: 'site',
            in: 'query',
            required: false,
            description: "Serve only this site's models with the script (default: every site's)",
            schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
          },
        ],
        responses: {
          200: { description: 'JavaScript' },
          304: { description: 'Not modified' },
          400: error('A malformed site id'),
          404: error('Not built yet, or an unknown site'),
        },
      },
    },
    '/healthz': {
      get: {
        tags: ['Service'],
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
