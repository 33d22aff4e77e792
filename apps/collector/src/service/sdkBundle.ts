/**
 * `GET /dwell.js`: the built SDK, `packages/sdk/dist/dwell.js`. It is built by
 * another workspace and may not exist yet: then the answer is a 404 that says
 * so. Read again whenever the file changes, so a rebuild needs no restart.
 */
import { fileURLToPath } from 'node:url';
import type { Handler } from 'hono';
import { matchesEtag } from '../http/etag.js';
import type { AppEnv } from '../http/env.js';
import { problem } from '../http/errors.js';
import { staticFile } from './staticFile.js';

/** The built SDK, relative to this module: `src/http/` and `dist/http/` are equally deep. */
export const SDK_BUNDLE_PATH = fileURLToPath(
  new URL('../../../../packages/sdk/dist/dwell.js', import.meta.url),
);

/** The script URL has no version in it, so caches revalidate after this many seconds (ETag: usually a 304). */
export const SDK_MAX_AGE = 300;

export function sdkBundle(path: string = SDK_BUNDLE_PATH): Handler<AppEnv> {
  const file = staticFile(path);

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
    c.header('ETag', bundle.etag);
    c.header('Cache-Control', `public, max-age=${SDK_MAX_AGE}`);
    // Pages on any origin embed it, including those isolated with COEP.
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Access-Control-Allow-Origin', '*');
    if (matchesEtag(c.req.header('if-none-match'), bundle.etag)) return c.body(null, 304);
    return c.body(new Uint8Array(bundle.body), 200, {
      'Content-Type': 'application/javascript; charset=utf-8',
    });
  };
}
