import { hash53 } from './hash.js';
import type { Model } from './model.js';

/** JSON with object keys sorted at every depth, so equal models serialize equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const versions = new WeakMap<Model, string>();

/**
 * The version of a model: the 53-bit hash of its canonical JSON, as 14 hex
 * digits, the same in the browser and in Node. Hashed once per model object:
 * models are data that is never changed in place, and the collector asks for
 * the version of the same few models in every fold.
 */
export function modelVersion(model: Model): string {
  let version = versions.get(model);
  if (!version) versions.set(model, (version = hash53(canonicalJson(model)).toString(16).padStart(14, '0')));
  return version;
}
