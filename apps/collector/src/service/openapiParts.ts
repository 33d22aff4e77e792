/**
 * The pieces the OpenAPI document (`openapi.ts`) is made of: JSON Schemas
 * derived from zod schemas, parameters, answers and the shared schemas. Apart
 * from it so that each part of the document (`openapiReads.ts`,
 * `openapiModels.ts`) can use them without importing the whole.
 */
import { z } from 'zod';

/** The JSON Schema of a zod schema, for embedding (without its `$schema` line). */
export function schema(type: z.ZodType): Record<string, unknown> {
  const json: Record<string, unknown> = z.toJSONSchema(type, { unrepresentable: 'any', io: 'input' });
  delete json.$schema;
  return json;
}

/** The properties of an object schema's JSON Schema. */
export function properties(type: z.ZodObject): Record<string, object> {
  return (schema(type).properties ?? {}) as Record<string, object>;
}

/** One property of an object schema's JSON Schema: it must be there. */
export function property(type: z.ZodObject, name: string): object {
  const found = properties(type)[name];
  if (!found) throw new Error(`no property ${name} in the schema`);
  return found;
}

/** Query parameters of an object schema, as OpenAPI parameters. */
export function queryParameters(type: z.ZodObject, required: readonly string[] = []) {
  return Object.entries(properties(type)).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema: property,
  }));
}

/** A reference to a schema of the document's components. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const pathParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

export const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

export const json = (description: string, body: object = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema: body } },
});

/** A required JSON request body. */
export const jsonBody = (body: object) => ({
  required: true,
  content: { 'application/json': { schema: body } },
});

/** An object schema whose every property is required. */
export const record = (props: Record<string, object>, description?: string) => ({
  type: 'object',
  ...(description ? { description } : {}),
  required: Object.keys(props),
  properties: props,
});

export const readErrors = {
  400: error('A bad parameter, named in `issues`'),
  401: error('No read key, or a key of no site'),
  403: error("Another site's read key"),
};

/** `{"error": {code, message, issues}}`: every error but calibration's 422. */
export const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
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
};
