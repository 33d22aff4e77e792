/**
 * The sites a collector serves: who may send events (origins), who may read
 * (read keys), how readers are scored (model) and how fast a client may send.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_READER_MODEL, modelVersion, type Model } from '@dwell/score';
import { originMatcher } from './origins.js';

/** What a site id looks like: it appears in URLs and in the wire format. */
export const SITE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Token bucket of one client of one site: a sustained rate and a burst. */
export interface RateLimit {
  /** Requests per minute; 0 turns rate limiting off. */
  perMinute: number;
  /** Requests that may arrive at once after a quiet spell. */
  burst: number;
}

export interface SiteOptions {
  id: string;
  origins: readonly string[];
  readKeys: readonly string[];
  /** Keys that may change the site's models (`PUT /model`); none: nobody may. */
  adminKeys?: readonly string[];
  model: Model;
  /** How the site scores its readers (DESIGN.md, "The reader score"); default `DEFAULT_READER_MODEL`. */
  readerModel?: Model;
  rateLimit: RateLimit;
}

/**
 * A served site. Its models are the active ones: `DWELL_CONFIG` gives the
 * first, `PUT /model` later ones (`review/activeModels.ts`), and every read
 * takes them from here at the time of the request.
 */
export interface Site extends SiteOptions {
  /** `modelVersion(model)`, computed once per model. */
  version: string;
  readerModel: Model;
  /** `modelVersion(readerModel)`, computed once per model. */
  readerVersion: string;
  allowsOrigin(origin: string): boolean;
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A site's active models as the SDK reads them: `GET /v1/sites/:site/model`, and the ones served with `/dwell.js`. */
export interface SiteModels {
  version: string;
  model: Model;
  reader: { version: string; model: Model };
}

export function siteModelsOf(site: Site): SiteModels {
  return {
    version: site.version,
    model: site.model,
    reader: { version: site.readerVersion, model: site.readerModel },
  };
}

export class Sites {
  readonly #byId = new Map<string, Site>();
  /** Read keys are looked up by their SHA-256, so no comparison leaks a key's prefix through timing. */
  readonly #byKeyHash = new Map<string, Site>();
  readonly #byAdminKeyHash = new Map<string, Site>();
  readonly #anySiteAllows: (origin: string) => boolean;

  constructor(options: readonly SiteOptions[]) {
    for (const option of options) {
      const site: Site = {
        ...option,
        version: modelVersion(option.model),
        readerModel: option.readerModel ?? DEFAULT_READER_MODEL,
        readerVersion: modelVersion(option.readerModel ?? DEFAULT_READER_MODEL),
        allowsOrigin: originMatcher(option.origins),
      };
      this.#byId.set(site.id, site);
      for (const key of site.readKeys) this.#byKeyHash.set(hashKey(key), site);
      for (const key of site.adminKeys ?? []) this.#byAdminKeyHash.set(hashKey(key), site);
    }
    this.#anySiteAllows = originMatcher(options.flatMap((option) => option.origins));
  }

  get(id: string): Site | undefined {
    return this.#byId.get(id);
  }

  all(): Site[] {
    return [...this.#byId.values()];
  }

  /** The site a read key belongs to. */
  ofReadKey(key: string): Site | undefined {
    return this.#byKeyHash.get(hashKey(key));
  }

  /** The site an admin key belongs to. */
  ofAdminKey(key: string): Site | undefined {
    return this.#byAdminKeyHash.get(hashKey(key));
  }

  /** Makes these the site's active models: every later read scores with them. */
  setModels(id: string, model: Model, readerModel: Model): void {
    const site = this.#byId.get(id);
    if (!site) throw new Error(`unknown site ${id}`);
    if (site.model !== model) Object.assign(site, { model, version: modelVersion(model) });
    if (site.readerModel !== readerModel)
      Object.assign(site, { readerModel, readerVersion: modelVersion(readerModel) });
  }

  /** Whether some site accepts this origin: enough to answer a CORS preflight, which names no site. */
  anyAllows(origin: string): boolean {
    return this.#anySiteAllows(origin);
  }
}
