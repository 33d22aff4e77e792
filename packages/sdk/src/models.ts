/**
 * The models of the ESM package: DESIGN.md's defaults until the site's
 * arrive from `GET /v1/sites/:site/model`. The script tag's build needs
 * neither: the collector serves the site's models with it (`script.ts`).
 */
import {
  DEFAULT_MODEL,
  DEFAULT_MODEL_VERSION,
  DEFAULT_READER_MODEL,
  DEFAULT_READER_MODEL_VERSION,
} from '@dwell/score';
import { warn } from './guard.js';
import type { SiteModel } from './store.js';

/** The default content model with the default reader model beside it, as the model endpoint serves them. */
export const DEFAULT_SITE_MODEL: SiteModel & { reader: SiteModel } = {
  version: DEFAULT_MODEL_VERSION,
  model: DEFAULT_MODEL,
  reader: { version: DEFAULT_READER_MODEL_VERSION, model: DEFAULT_READER_MODEL },
};

/** The collector validated its models with zod; this cheap guard keeps out what a broken proxy sends. */
const isModel = (body?: SiteModel): boolean =>
  typeof body?.version === 'string' && body.model?.max > 0 && !!body.model.signals;

/** The site's models from the collector; undefined offline, on an error, or for an answer that is not a model. */
export async function fetchModels(endpoint: string, site: string): Promise<SiteModel | undefined> {
  const body = await fetch(`${endpoint}/v1/sites/${encodeURIComponent(site)}/model`).then(
    (response) => (response.ok ? (response.json() as Promise<SiteModel>) : undefined),
    () => undefined,
  );
  if (!body) return;
  if (isModel(body) && (!body.reader || isModel(body.reader))) return body;
  warn(9);
}
