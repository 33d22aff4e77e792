/**
 * The sign-in form: the site id (default `demo`) and its read key. The key is
 * checked against the read API before anything else shows, and a wrong one
 * gets a message that says what is wrong.
 */
import { ApiError, getJson, getModel } from './api.js';
import { h, replace } from './dom.js';
import type { Credentials } from './session.js';
import type { ModelInfo } from '@dwell/contract';

function messageOf(error: unknown, site: string): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Try again.';
  if (error.status === 401) return 'This read key is not valid. Check it and try again.';
  if (error.status === 403) return `This read key does not belong to the site “${site}”.`;
  if (error.code === 'unknown_site' || error.status === 404) return `There is no site “${site}”.`;
  if (error.status === 400) return 'A site id is 1–64 letters, digits, _ or -.';
  if (error.status === 0) return 'The collector cannot be reached. Check your connection.';
  return error.message;
}

/** Checks the credentials; resolves with the site's model when they are good. */
export async function verify(credentials: Credentials): Promise<ModelInfo> {
  await getJson(credentials, '/content', { limit: 1 });
  return getModel<ModelInfo>(credentials.site);
}

export function renderSignIn(
  root: HTMLElement,
  onSignedIn: (credentials: Credentials, model: ModelInfo) => void,
  notice?: string,
): void {
  const site = h('input', { id: 'site', name: 'site', required: true, autocomplete: 'off', value: 'demo' });
  const key = h('input', {
    id: 'key',
    name: 'key',
    type: 'password',
    required: true,
    autocomplete: 'current-password',
  });
  const status = h('p', { class: 'form-error', role: 'alert', id: 'signin-error' }, notice);
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'signin card', 'aria-labelledby': 'signin-title', novalidate: true },
    h('h1', { id: 'signin-title' }, 'Dwell'),
    h('p', { class: 'muted' }, 'Which stories engage your readers. Sign in with the read key of your site.'),
    h('label', { for: 'site' }, 'Site'),
    site,
    h('label', { for: 'key' }, 'Read key'),
    key,
    h('p', { class: 'hint' }, 'The key stays in this browser tab only, until you close it or sign out.'),
    status,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const credentials = { site: site.value.trim(), key: key.value.trim() };
    if (!credentials.site || !credentials.key) {
      replace(status, 'Enter the site and its read key.');
      return;
    }
    submit.disabled = true;
    replace(status);
    try {
      onSignedIn(credentials, await verify(credentials));
    } catch (error) {
      replace(status, messageOf(error, credentials.site));
      key.setAttribute('aria-invalid', 'true');
      key.setAttribute('aria-describedby', 'signin-error');
      key.focus();
      key.select();
    } finally {
      submit.disabled = false;
    }
  });
  replace(root, h('main', { class: 'signin-page' }, form));
  (notice ? key : site.value ? key : site).focus();
}
