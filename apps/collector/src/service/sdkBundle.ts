/**
 * `GET /dwell.js`: the built SDK, `packages/sdk/dist/dwell.js`, after one
 * statement that hands it the sites' active models — `?site=demo` that site's,
 * plain `/dwell.js` every site's — set on the page API's snippet
 * (`dwell.m`, by site id). The script then needs no default models and no
 * model fetch (issue #15); its `ETag` follows the bundle and the models'
 * versions, so a changed model reaches pages within `SDK_MAX_AGE`.
 *
 * The bundle is built by another workspace and may not exist yet: then the
 * answer is a 404 that says so. It is read again whenever the file changes,
 * so a rebuild needs no restart.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Handler } from 'hono';
import { z } from 'zod';
import { siteModelsOf, SITE_ID, type Site, type SiteModels, type Sites } from '../sites.js';
import { matchesEtag } from '../http/etag.js';
import type { AppEnv } from '../http/env.js';
import { problem } from '../http/errors.js';
import { staticFile } from './staticFile.js';

/** The built SDK, relative to this module: `src/service/` and `dist/service/` are equally deep. */
export const SDK_BUNDLE_PATH = fileURLToPath(
  new URL('../../../../packages/sdk/dist/dwell.js', import.meta.url),
);

/** The script URL has no version in it, so caches revalidate after this many seconds (ETag: usually a 304). */
export const SDK_MAX_AGE = 300;

/** `?site=`: the one site whose models to serve with the script. */
export const sdkQuery = z.object({
  site: z.string().regex(SITE_ID, 'must be a site id: 1–64 letters, digits, _ or -').optional(),
});

/**
 * The statement before the bundle: the snippet of DESIGN.md ("Page API"),
 * made if the page has not, carrying the models. The script reads them from
 * there before it replaces the snippet with the API.
 */
export function modelsStatement(models: Record<string, SiteModels>): string {
  return `(self.dwell=self.dwell||function(){(dwell.q=dwell.q||[]).push(arguments)}).m=${JSON.stringify(models)};\n`;
}

const modelsOf = (sites: readonly Site[]): Record<string, SiteModels> =>
  Object.fromEntries(sites.map((site) => [site.id, siteModelsOf(site)]));

export function sdkBundle(sites: Sites, path: string = SDK_BUNDLE_PATH): Handler<AppEnv> {
  const file = staticFile(path);
  /** The answer for each `?site=` (`''`: every site), kept while its key (bundle and model versions) holds. */
  const served = new Map<string, { key: string; etag: string; body: Buffer }>();

  return async function getSdkBundle(c) {
    const bundle = await file.load();
    if (!bundle) {
      return problem(
        c,
        404,
        'sdk_not_built',
        'the SDK bundle packages/sdk/dist/dwell.js does not exist yet: build it with npm run build',
      );
    }
    const id = c.req.query('site') ?? '';
    const one = id && sites.get(id);
    if (id && !one) return problem(c, 404, 'unknown_site', `unknown site: ${id}`);
    const embedded = one ? [one] : sites.all();
    const key = [
      bundle.etag,
      ...embedded.map((site) => `${site.id}:${site.version}:${site.readerVersion}`),
    ].join(' ');
    let answer = served.get(id);
    if (answer?.key !== key) {
      const etag = `"${createHash('sha256').update(key).digest('base64url').slice(0, 22)}"`;
      const body = Buffer.concat([Buffer.from(modelsStatement(modelsOf(embedded))), bundle.body]);
      served.set(id, (answer = { key, etag, body }));
    }
    c.header('ETag', answer.etag);
    c.header('Cache-Control', `public, max-age=${SDK_MAX_AGE}`);
    // Pages on any origin embed it, including those isolated with COEP.
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Access-Control-Allow-Origin', '*');
    if (matchesEtag(c.req.header('if-none-match'), answer.etag)) return c.body(null, 304);
    return c.body(new Uint8Array(answer.body), 200, {
      'Content-Type': 'application/javascript; charset=utf-8',
    });
  };
}
