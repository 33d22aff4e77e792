/**
 * The editor's site and read key, kept in `sessionStorage`: they last as long
 * as the tab and are never written to disk by the page or sent anywhere but
 * this collector's read API.
 */
export interface Credentials {
  site: string;
  key: string;
}

const STORAGE_KEY = 'dwell.dashboard.credentials';

export function loadCredentials(): Credentials | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Credentials> | null;
    return stored && typeof stored.site === 'string' && typeof stored.key === 'string'
      ? { site: stored.site, key: stored.key }
      : null;
  } catch {
    return null;
  }
}

export function saveCredentials(credentials: Credentials): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(credentials));
}

export function clearCredentials(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
