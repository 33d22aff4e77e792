import { describe, expect, it } from 'vitest';
import { OPENAPI } from './openapi.js';

describe('the OpenAPI document of POST /v1/events', () => {
  const ingest = OPENAPI.paths['/v1/events'].post;

  it("documents a bot's 202 and the content codings", () => {
    const accepted = ingest.responses[202].content['application/json'].schema as { properties: object };
    expect(accepted.properties).toMatchObject({
      bot: { type: 'boolean', const: true },
    });
    expect(ingest.parameters).toEqual([
      expect.objectContaining({
        name: 'Content-Encoding',
        in: 'header',
        required: false,
        schema: { type: 'string', enum: ['gzip', 'x-gzip', 'deflate', 'br', 'identity'] },
      }),
    ]);
    expect(ingest.responses[400].description).toContain('invalid_encoding');
    expect(ingest.responses[415].description).toContain('unsupported_encoding');
  });
});
