/**
 * The read API as the dashboard calls it: same origin, the read key as a
 * bearer token (or, for the one call that changes a site, the admin key the
 * editor typed for it). Errors keep the status, the collector's error code
 * and the fields it names, so the sign-in form can tell a wrong key from a
 * network failure and the model editor can point at the field.
 */
import type { Issue } from '@dwell/contract';
import type { Credentials } from './session.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

/** A request with a JSON body; `key` stands in for the read key (the admin key of `PUT /model`). */
interface Send {
  method: 'POST' | 'PUT';
  body: unknown;
  key?: string;
}

export type Params = Record<string, string | number | undefined>;

function url(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) search.set(name, String(value));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

async function request(
  credentials: Credentials,
  path: string,
  params?: Params,
  send?: Send,
): Promise<Response> {
  let response: Response;
  const headers: Record<string, string> = { authorization: `Bearer ${send?.key ?? credentials.key}` };
  if (send) headers['content-type'] = 'application/json';
  try {
    response = await fetch(url(`/v1/sites/${encodeURIComponent(credentials.site)}${path}`, params), {
      method: send?.method ?? 'GET',
      headers,
      body: send ? JSON.stringify(send.body) : undefined,
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'the collector cannot be reached');
  }
  if (response.ok) return response;
  let code = 'error';
  let message = `${response.status} ${response.statusText}`;
  let issues: Issue[] = [];
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; issues?: Issue[] } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
    issues = Array.isArray(body.error?.issues) ? body.error.issues : [];
  } catch {
    // Not the collector's JSON error: keep the status line.
  }
  throw new ApiError(response.status, code, message, issues);
}

export async function getJson<T>(credentials: Credentials, path: string, params?: Params): Promise<T> {
  return (await request(credentials, path, params)).json() as Promise<T>;
}

/** POST or PUT `body` as JSON; the parsed answer. */
export async function sendJson<T>(
  credentials: Credentials,
  path: string,
  send: Send,
  params?: Params,
): Promise<T> {
  return (await request(credentials, path, params, send)).json() as Promise<T>;
}

export async function getBlob(credentials: Credentials, path: string, params?: Params): Promise<Blob> {
  return (await request(credentials, path, params)).blob();
}

/** The public model (band names and labels, window). */
export async function getModel<T>(site: string): Promise<T> {
  const response = await fetch(`/v1/sites/${encodeURIComponent(site)}/model`);
  if (!response.ok) throw new ApiError(response.status, 'unknown_site', `unknown site: ${site}`);
  return response.json() as Promise<T>;
}
