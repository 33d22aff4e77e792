/**
 * `POST /v1/events`. The checks run cheapest first, and the fast path is a
 * plain function rather than a chain of generic middleware: a stock
 * `bodyLimit()` + `zValidator('json')` chain re-wraps the body stream and
 * refuses the `text/plain` bodies of `sendBeacon`. Every check is kept:
 * media type and content coding (415), size (413, compressed and decoded),
 * coding, JSON and envelope (400), site and origin (403), bots (202 with
 * `bot: true`, not counted), rate (429), then each event on its own.
 */
import { Hono } from 'hono';
import { formatIssues } from '@dwell/score/schema';
import type { Logger } from '../log.js';
import type { Sites } from '../sites.js';
import { StoreBusyError, type Store } from '../store/store.js';
import { clientAddress } from '../http/clientAddress.js';
import { eventsCors } from '../http/cors.js';
import type { AppEnv } from '../http/env.js';
import { fieldList, problem } from '../http/errors.js';
import { MAX_BODY_BYTES } from '@dwell/contract';
import { isAcceptedMediaType, readBodyText } from './body.js';
import { isBot } from './bots.js';
import { contentCoding, SUPPORTED_CODINGS } from './contentEncoding.js';
import { checkEvents } from './events.js';
import type { RateLimiter } from './rateLimit.js';
import { envelopeSchema } from './schema.js';

export interface IngestOptions {
  sites: Sites;
  store: Store;
  limiter: RateLimiter;
  logger: Logger;
  trustProxy: boolean;
  now: () => number;
}

/** The 202 body of a batch answered but not counted because its user agent is a bot (DESIGN.md). */
const BOT_NOT_COUNTED = { accepted: 0, duplicates: 0, rejected: [], bot: true } as const;

export function eventsRoute(options: IngestOptions): Hono<AppEnv> {
  const { sites, store, limiter, logger, trustProxy, now } = options;
  const app = new Hono<AppEnv>();
  app.use('*', eventsCors(sites));

  app.post('/', async function ingestEvents(c) {
    const receivedAt = now();
    if (!isAcceptedMediaType(c.req.header('content-type'))) {
      return problem(c, 415, 'unsupported_media_type', 'send the batch as application/json or text/plain');
    }
    const coding = contentCoding(c.req.header('content-encoding'));
    if (!coding.ok) {
      return problem(
        c,
        415,
        'unsupported_encoding',
        `Content-Encoding ${coding.name} is not supported: send ${SUPPORTED_CODINGS}`,
      );
    }
    const body = await readBodyText(c.req.raw, coding.coding);
    if (!body.ok && body.tooLarge) {
      // The rest of the body is never read: a client must not send its next request on this connection.
      c.header('Connection', 'close');
      return problem(
        c,
        413,
        'payload_too_large',
        `the body exceeds ${MAX_BODY_BYTES} bytes${coding.coding ? ' (compressed or decoded)' : ''}: send smaller batches`,
      );
    }
    if (!body.ok)
      return problem(c, 400, 'invalid_encoding', body.message, [{ path: '', message: body.message }]);
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch (error) {
      const message = (error as Error).message;
      return problem(c, 400, 'invalid_json', 'the body is not JSON', [{ path: '', message }]);
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) {
      const issues = formatIssues(envelope.error);
      return problem(c, 400, 'invalid_envelope', `invalid batch envelope: ${fieldList(issues)}`, issues);
    }
    const batch = envelope.data;
    const site = sites.get(batch.site);
    if (!site) return problem(c, 403, 'unknown_site', `unknown site: ${batch.site}`);
    c.set('site', site);
    const origin = c.req.header('origin');
    if (origin !== undefined && !site.allowsOrigin(origin)) {
      return problem(c, 403, 'origin_not_allowed', `site ${site.id} does not accept events from ${origin}`);
    }
    if (isBot(c.req.header('user-agent'))) return c.json(BOT_NOT_COUNTED, 202);
    const wait = limiter.take(site.id, site.rateLimit, clientAddress(c, trustProxy), receivedAt);
    if (wait) {
      c.header('Retry-After', String(wait));
      return problem(c, 429, 'rate_limited', `too many requests: retry in ${wait} s`);
    }
    const { valid, rejected } = checkEvents(batch, site.model.windowDays, receivedAt);
    try {
      const counts = await store.ingest({
        site: site.id,
        visitor: batch.visitor,
        model: site.model,
        receivedAt,
        events: valid,
      });
      if (batch.dropped) {
        // The SDK's bounded queue lost these before they could be sent: worth an operator's eye.
        logger.info(`site ${site.id}: a browser reports ${batch.dropped} events dropped from its full queue`);
      }
      return c.json({ ...counts, rejected }, 202);
    } catch (error) {
      if (!(error instanceof StoreBusyError)) {
        logger.error('POST /v1/events: the store failed to commit a batch', error);
      }
      c.header('Retry-After', '1');
      return problem(c, 503, 'store_unavailable', 'the batch was not stored: send it again');
    }
  });

  app.all('/', function eventsMethodNotAllowed(c) {
    c.header('Allow', 'POST, OPTIONS');
    return problem(c, 405, 'method_not_allowed', 'send events with POST');
  });
  return app;
}
