import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing.js';
import { OPENAPI } from './openapi.js';

type Operation = {
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { description: string }>;
};
type Document = typeof OPENAPI & { paths: Record<string, Record<string, Operation>> };

/** swagger-parser's check, on a copy: it dereferences in place. */
const validate = (doc: object) => SwaggerParser.validate(structuredClone(doc) as never);

/** The document as the collector serves it. */
async function servedDocument(): Promise<Document> {
  const response = await testApp().app.request('/v1/openapi.json');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  return response.json();
}

function operations(doc: Document): [string, string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(
      ([method, operation]) => [path, method, operation] as [string, string, Operation],
    ),
  );
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1, its references resolved', async () => {
    await expect(validate(await servedDocument())).resolves.toBeTruthy();
  });

  it('is checked for real: a document without a response description fails', async () => {
    const doc = await servedDocument();
    delete (doc.paths['/healthz']!.get!.responses[200] as { description?: string }).description;
    await expect(validate(doc)).rejects.toThrow(/description/);
  });

  // swagger-parser checks these for Swagger 2.0 only, not for OpenAPI 3.
  it('declares every path parameter, security scheme and tag it uses', async () => {
    const doc = await servedDocument();
    const schemes = Object.keys(doc.components.securitySchemes);
    const tags = doc.tags.map((tag) => tag.name);
    for (const [path, method, operation] of operations(doc)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared, `${method} ${path}`).toEqual(inPath);
      for (const requirement of operation.security ?? []) {
        expect(schemes).toEqual(expect.arrayContaining(Object.keys(requirement)));
      }
      expect(operation.tags?.length, `${method} ${path} has a tag`).toBe(1);
      expect(tags).toContain(operation.tags![0]);
    }
  });

  it('documents the models: the read key to review, preview and calibrate, the admin key to apply', async () => {
    const doc = await servedDocument();
    const security = (path: string, method: string) => doc.paths[path]![method]!.security;
    expect(security('/v1/sites/{site}/models', 'get')).toEqual([{ readKey: [] }]);
    expect(security('/v1/sites/{site}/models/preview', 'post')).toEqual([{ readKey: [] }]);
    expect(security('/v1/sites/{site}/models/calibrate', 'post')).toEqual([{ readKey: [] }]);
    expect(security('/v1/sites/{site}/model', 'put')).toEqual([{ adminKey: [] }]);
    expect(security('/v1/sites/{site}/model', 'get')).toBeUndefined();
    expect(doc.components.securitySchemes.adminKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths['/v1/sites/{site}/model']!.put!.responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
    ]);
    expect(doc.paths['/v1/sites/{site}/models/calibrate']!.post!.responses).toHaveProperty('422');
    const model = doc.components.schemas.Model as { required: string[]; properties: object };
    expect(model.required).toEqual(['signals', 'max', 'bands', 'windowDays', 'sessionTimeoutMinutes']);
    expect(model.properties).toHaveProperty('kind.enum', ['content', 'reader']);
    expect(doc.paths['/docs']!.get!.tags).toEqual(['Service']);
  });
});

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
