/**
 * The dashboard's entry: sign-in, then the shell (header, filters) and one
 * of two views chosen by the URL hash — the site (overview, drops, ranked
 * table) or one story (`#content=<id>`). Every fetch carries a generation
 * number, so an answer to filters the editor has since changed is dropped.
 */
import { ApiError, getJson } from './api.js';
import { renderDetail } from './detail.js';
import { h, replace, routeLink } from './dom.js';
import { renderDrops } from './drops.js';
import { downloadCsv } from './exportCsv.js';
import { defaultFilters, filterParams, rangeParams, renderFilters, type Filters } from './filters.js';
import { renderOverview } from './overview.js';
import { clearCredentials, loadCredentials, saveCredentials, type Credentials } from './session.js';
import { renderSignIn, verify } from './signin.js';
import { rankedTable, type Sort } from './table.js';
import type { ContentDetail, ContentList, Drops, ModelInfo, Overview, Signals } from '@dwell/contract';

const root = document.getElementById('app')!;

interface State {
  credentials: Credentials;
  model: ModelInfo;
  filters: Filters;
  sort: Sort;
  choices: { sections: string[]; authors: string[] };
}

let generation = 0;

function signIn(notice?: string): void {
  renderSignIn(
    root,
    (credentials, model) => {
      saveCredentials(credentials);
      start(credentials, model);
    },
    notice,
  );
}

/** A signed-in session, from the default filters and order. */
function start(credentials: Credentials, model: ModelInfo): void {
  const state: State = {
    credentials,
    model,
    filters: defaultFilters(),
    sort: { key: 'rank', descending: false },
    choices: { sections: [], authors: [] },
  };
  window.onhashchange = () => render(state);
  render(state);
}

function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => !!value))].sort((a, b) => a.localeCompare(b));
}

function failed(error: unknown, target: HTMLElement): void {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    clearCredentials();
    signIn('Your read key is no longer accepted. Sign in again.');
    return;
  }
  replace(
    target,
    h(
      'p',
      { class: 'form-error', role: 'alert' },
      error instanceof ApiError ? error.message : 'Something went wrong.',
    ),
  );
}

/** Runs `redraw` and gives the focus back to the control that had it (by id), so a keyboard user stays put. */
function keepingFocus(redraw: () => void): void {
  const id = document.activeElement?.id;
  redraw();
  if (id) document.getElementById(id)?.focus();
}

function render(state: State): void {
  const mine = ++generation;
  const { credentials, model } = state;
  const params = filterParams(state.filters, model.model.windowDays);
  const exportButton = h('button', { type: 'button', id: 'export', class: 'secondary' }, 'Export CSV');
  exportButton.addEventListener('click', () => {
    downloadCsv(credentials, params).catch((error: unknown) => failed(error, status));
  });
  const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const main = h(
    'main',
    { id: 'main', tabindex: -1, 'aria-busy': 'true' },
    h('p', { class: 'muted' }, 'Loading…'),
  );
  const signOut = h('button', { type: 'button', class: 'link' }, 'Sign out');
  signOut.addEventListener('click', () => {
    clearCredentials();
    window.onhashchange = null;
    location.hash = '';
    signIn();
  });
  // The hash is the route, so the skip link moves focus itself instead of changing it.
  const skip = routeLink('#main', 'Skip to content', { class: 'skip' });
  skip.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  replace(
    root,
    skip,
    h(
      'header',
      { class: 'top' },
      h('span', { class: 'brand' }, 'Dwell'),
      h('span', { class: 'site' }, `Site: ${credentials.site}`),
      signOut,
    ),
    filterBar(),
    status,
    main,
  );
  /** The filters, drawn again when the sections and authors to choose from are known. */
  function filterBar(): HTMLElement {
    return renderFilters(state.filters, state.choices, onFilters, exportButton);
  }
  function onFilters(filters: Filters): void {
    state.filters = filters;
    keepingFocus(() => render(state));
  }
  const content = new URLSearchParams(location.hash.slice(1)).get('content');
  const work = content === null ? renderSite(state, params, main) : renderStory(state, content, main);
  work.then(
    () => mine === generation && main.setAttribute('aria-busy', 'false'),
    (error: unknown) => mine === generation && failed(error, main),
  );

  async function renderSite(
    state: State,
    params: Record<string, string | undefined | number>,
    target: HTMLElement,
  ) {
    const range = rangeParams(state.filters, model.model.windowDays);
    const [list, overview, drops] = await Promise.all([
      getJson<ContentList>(credentials, '/content', { ...params, limit: 200 }),
      getJson<Overview>(credentials, '/overview', range),
      getJson<Drops>(credentials, '/drops', { ...params, limit: 10 }),
    ]);
    if (mine !== generation) return;
    if (!state.filters.section && !state.filters.author) {
      state.choices = {
        sections: distinct(list.items.map((item) => item.section)),
        authors: distinct(list.items.map((item) => item.author)),
      };
      keepingFocus(() => root.querySelector('form.filters')?.replaceWith(filterBar()));
    }
    const overviewSection = h('section', { class: 'card', 'aria-labelledby': 'overview-title' });
    const dropsSection = h('section', { class: 'card', 'aria-labelledby': 'drops-title' });
    const rankedSection = h('section', { class: 'card', 'aria-labelledby': 'ranked-title' });
    replace(target, overviewSection, dropsSection, rankedSection);
    renderOverview(overviewSection, overview, model);
    renderDrops(dropsSection, drops, model);
    const tableHolder = h('div');
    const drawTable = () =>
      replace(
        tableHolder,
        rankedTable(list.items, model, state.sort, (sort) => ((state.sort = sort), drawTable())),
      );
    rankedSection.append(
      h('h2', { id: 'ranked-title' }, 'Ranked content'),
      h(
        'p',
        { class: 'muted' },
        `${list.items.length} stories. Ranked by the lower bound of the score's 95% interval, so a few enthusiastic readers cannot put a story on top.`,
      ),
      tableHolder,
    );
    drawTable();
    if (list.items.length === 0)
      rankedSection.append(h('p', { class: 'empty' }, 'No stories in this period.'));
  }

  async function renderStory(state: State, content: string, target: HTMLElement) {
    const range = rangeParams(state.filters, model.model.windowDays);
    const [detail, signals] = await Promise.all([
      getJson<ContentDetail>(credentials, `/content/${encodeURIComponent(content)}`, range),
      getJson<Signals>(credentials, '/signals', { ...range, content }),
    ]);
    if (mine !== generation) return;
    const article = h('article', { class: 'card detail', 'aria-labelledby': 'detail-title' });
    replace(target, article);
    renderDetail(article, detail, signals, model);
    (article.querySelector('h2') as HTMLElement | null)?.setAttribute('tabindex', '-1');
    (article.querySelector('h2') as HTMLElement | null)?.focus();
  }
}

async function boot(): Promise<void> {
  const credentials = loadCredentials();
  if (!credentials) return signIn();
  try {
    const model = await verify(credentials);
    start(credentials, model);
  } catch {
    clearCredentials();
    signIn('Sign in again.');
  }
}

void boot();
