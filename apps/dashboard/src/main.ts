/**
 * The dashboard's entry: sign-in, then the shell (header with the views'
 * navigation, filters) and one of four views chosen by the URL hash — the
 * site (overview, drops, ranked table), one story (`#content=<id>`), the
 * readers (`#readers`) or the scoring models (`#model`). Every fetch carries a generation number, so an
 * answer to filters the editor has since changed is dropped.
 */
import { ApiError, getJson } from './api.js';
import { renderDetail } from './detail.js';
import { h, replace, routeLink } from './dom.js';
import { renderDrops } from './drops.js';
import { forgetEdits, renderModelView } from './modelView.js';
import { downloadCsv, downloadReadersCsv } from './exportCsv.js';
import { defaultFilters, filterParams, rangeParams, renderFilters, type Filters } from './filters.js';
import { viewNav } from './nav.js';
import { renderOverview } from './overview.js';
import { renderReaders } from './readers.js';
import { clearCredentials, loadCredentials, saveCredentials, type Credentials } from './session.js';
import { renderSignIn, verify } from './signin.js';
import { rankedTable, type Sort } from './table.js';
import type {
  ContentDetail,
  ContentList,
  Drops,
  ModelInfo,
  Overview,
  Readers,
  Signals,
} from '@dwell/contract';

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

/**
 * After a view is drawn: when the editor's focus went with the old view (a
 * link of it was followed), it moves to the new view's heading, so a screen
 * reader announces where they are and Tab goes on from there.
 */
function focusHeadingIfLost(main: HTMLElement): void {
  if (document.activeElement && document.activeElement !== document.body) return;
  const heading = main.querySelector('h2');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
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
  // A collector from before reader scores answers no `reader`: its content model's bands stand in.
  const reader = model.reader ?? model;
  const route = new URLSearchParams(location.hash.slice(1));
  const content = route.get('content');
  const readersView = content === null && route.has('readers');
  const modelView = content === null && !readersView && route.has('model');
  document.title = `${readersView ? 'Readers' : modelView ? 'Model' : content === null ? 'Stories' : 'Story'} — Dwell`;
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
    forgetEdits();
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
      h('h1', { class: 'brand' }, 'Dwell'),
      viewNav(readersView ? 'readers' : modelView ? 'model' : 'stories'),
      h('span', { class: 'site' }, `Site: ${credentials.site}`),
      signOut,
    ),
    filterBar(),
    status,
    main,
  );
  /** The filters, drawn again when the sections and authors to choose from are known. */
  function filterBar(): HTMLElement {
    return readersView || modelView
      ? renderFilters(state.filters, state.choices, onFilters, null, true)
      : renderFilters(state.filters, state.choices, onFilters, exportButton);
  }
  function onFilters(filters: Filters): void {
    state.filters = filters;
    keepingFocus(() => render(state));
  }
  const work =
    content !== null
      ? renderStory(state, content, main)
      : readersView
        ? renderReadersView(state, main)
        : modelView
          ? renderModel(state, main)
          : renderSite(state, params, main);
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
        `${list.items.length} stories. Ranked by the lower bound of the score's 95% interval, so a few enthusiastic readers cannot put a story on top. Audience: the mean reader score of a story's readers, how loyal they are to the site.`,
      ),
      tableHolder,
    );
    drawTable();
    if (list.items.length === 0)
      rankedSection.append(h('p', { class: 'empty' }, 'No stories in this period.'));
    focusHeadingIfLost(target);
  }

  async function renderReadersView(state: State, target: HTMLElement) {
    const range = rangeParams(state.filters, reader.model.windowDays);
    const readers = await getJson<Readers>(credentials, '/readers', range);
    if (mine !== generation) return;
    replace(target);
    renderReaders(target, readers, reader, (band) => {
      replace(status);
      downloadReadersCsv(credentials, { from: readers.from, to: readers.to }, band).catch((error: unknown) =>
        failed(error, status),
      );
    });
    focusHeadingIfLost(target);
  }

  /** Preview and calibration take the period of the filters. */
  async function renderModel(state: State, target: HTMLElement) {
    await renderModelView(target, {
      credentials,
      range: rangeParams(state.filters, model.model.windowDays),
      status,
      isCurrent: () => mine === generation,
      onApplied: (models) => (state.model = models),
    });
    if (mine === generation) focusHeadingIfLost(target);
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
