/**
 * The Hono environment of the collector's app: under @hono/node-server the
 * bindings carry the Node request (its socket gives the client address); under
 * `app.request()` in tests they may be absent.
 */
import type { IncomingMessage } from 'node:http';
import type { Site } from '../sites.js';

export interface AppEnv {
  Bindings: { incoming?: IncomingMessage };
  Variables: {
    /** The site the request is about, once known (events: from the body; reads: from the key). */
    site?: Site;
  };
}
