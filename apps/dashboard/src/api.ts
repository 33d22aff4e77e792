/**
 * The read API as the dashboard calls it: same origin, the read key as a
 * bearer token. Errors keep the status and the collector's error code, so
 * the sign-in form can tell a wrong key from a network failure.
 */
import type { Credentials } from './session.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, string | number | undefined>;

function url(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) search.set(name, String(value));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

async function request(credentials: Credentials, path: string, params?: Params): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url(`/v1/sites/${encodeURIComponent(credentials.site)}${path}`, params), {
      headers: { authorization: `Bearer ${credentials.key}` },
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'the collector cannot be reached');
  }
  if (response.ok) return response;
  let code = 'error';
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // Not the collector's JSON error: keep the status line.
  }
  throw new ApiError(response.status, code, message);
}

export async function getJson<T>(credentials: Credentials, path: string, params?: Params): Promise<T> {
  return (await request(credentials, path, params)).json() as Promise<T>;
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
