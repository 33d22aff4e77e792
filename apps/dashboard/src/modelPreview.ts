/**
 * Preview (`POST /models/preview`): the site's history of the period scored
 * under the active models and under the edited ones, side by side — the
 * stories' ranks and scores with their movement (the top 20 under either
 * model, and the biggest movers), and the band shift of the (reader, story)
 * pairs and of the readers. Read-only: nothing changes until Apply.
 */
import { ApiError, sendJson } from './api.js';
import { bandShift, type BandRow } from './modelBandShift.js';
import { h, replace } from './dom.js';
import { formatDay, formatInt } from './format.js';
import { movement, rankTable } from './modelRanks.js';
import { task } from './modelTask.js';
import { tiles } from './tiles.js';
import type { Credentials } from './session.js';
import type { Candidate, Issue, Preview } from './modelTypes.js';

export interface PreviewContext {
  credentials: Credentials;
  range: { from: string; to: string };
  /** The edited models, or what is wrong with them. */
  candidate(): Candidate | Issue[];
  showIssues(issues: Issue[]): void;
  contentBands: BandRow[];
  readerBands: BandRow[];
}

const TOP = 20;
const MOVERS = 10;

function results(preview: Preview, context: PreviewContext, edited: boolean): HTMLElement {
  const shown = preview.contents.filter((item) => item.rank <= TOP || item.candidate_rank <= TOP);
  const movers = preview.contents
    .filter((item) => movement(item) !== 0)
    .sort((a, b) => Math.abs(movement(b)) - Math.abs(movement(a)) || a.rank - b.rank)
    .slice(0, MOVERS);
  const up = preview.contents.filter((item) => movement(item) > 0).length;
  const down = preview.contents.filter((item) => movement(item) < 0).length;
  const { current, candidate } = preview;
  return h(
    'div',
    { class: 'preview-results' },
    h(
      'p',
      { class: 'muted' },
      `${formatDay(preview.from)} – ${formatDay(preview.to)}. Content model `,
      h('code', {}, current.model),
      ' → ',
      h('code', { id: 'preview-candidate-model' }, candidate.model),
      ', reader model ',
      h('code', {}, current.reader),
      ' → ',
      h('code', { id: 'preview-candidate-reader' }, candidate.reader),
      edited ? '.' : '. No edits yet: the edited models are the active ones.',
    ),
    tiles([
      ['Stories up', h('span', { class: 'big', id: 'preview-up' }, formatInt(up)), 'in rank'],
      ['Stories down', h('span', { class: 'big', id: 'preview-down' }, formatInt(down)), 'in rank'],
      [
        'Readers up a band',
        h('span', { class: 'big', id: 'preview-readers-up' }, formatInt(preview.readers.moved.up)),
        `of ${formatInt(preview.readers.readers)} readers`,
      ],
      [
        'Readers down a band',
        h('span', { class: 'big', id: 'preview-readers-down' }, formatInt(preview.readers.moved.down)),
        `of ${formatInt(preview.readers.readers)} readers`,
      ],
    ]),
    h('h3', {}, `Rank changes: the top ${TOP} under either model`),
    shown.length
      ? rankTable('preview-ranks', 'Stories ranked now and with the edits', shown)
      : h('p', { class: 'empty' }, 'No stories in this period.'),
    preview.contents.length > shown.length
      ? h('p', { class: 'muted small' }, `${preview.contents.length - shown.length} more stories not shown.`)
      : null,
    h('h3', {}, 'Biggest movers'),
    movers.length
      ? rankTable('preview-movers', 'The stories that move the most places', movers)
      : h('p', { class: 'empty', id: 'preview-no-movers' }, 'No story changes rank.'),
    h('h3', {}, 'Band shift'),
    h(
      'div',
      { class: 'shift-charts' },
      bandShift(
        'preview-pair-bands',
        'Reader–story pairs by band',
        context.contentBands,
        preview.bands.current,
        preview.bands.candidate,
      ),
      bandShift(
        'preview-reader-bands',
        'Readers by band',
        context.readerBands,
        preview.readers.bands.current,
        preview.readers.bands.candidate,
      ),
    ),
  );
}

export interface PreviewPanel {
  element: HTMLElement;
  /** The edits changed after the preview shown: say so beside it. */
  markStale(): void;
}

export function previewPanel(context: PreviewContext): PreviewPanel {
  const button = h('button', { type: 'button', class: 'primary', id: 'preview-button' }, 'Preview');
  const output = h('div', { id: 'preview-output', 'aria-busy': 'false' });
  const stale = h(
    'p',
    { class: 'stale', id: 'preview-stale', hidden: true },
    'Edited since this preview: preview again to see the edits.',
  );
  const run = task(button, output);
  button.addEventListener('click', () => {
    if (run.running) return;
    const candidate = context.candidate();
    if (Array.isArray(candidate)) {
      context.showIssues(candidate);
      run.fail('Correct the marked fields first.');
      return;
    }
    const edited = candidate.model !== undefined || candidate.reader !== undefined;
    void run.run('Scoring the site’s history under both models… This can take a few seconds.', async () => {
      let preview: Preview;
      try {
        preview = await sendJson<Preview>(context.credentials, '/models/preview', {
          method: 'POST',
          body: { ...candidate, ...context.range },
        });
      } catch (error) {
        if (error instanceof ApiError) context.showIssues(error.issues);
        throw error;
      }
      stale.hidden = true;
      replace(output, results(preview, context, edited));
      const down = preview.contents.filter((item) => movement(item) < 0).length;
      const up = preview.contents.filter((item) => movement(item) > 0).length;
      return `Preview ready: ${up} ${up === 1 ? 'story moves' : 'stories move'} up, ${down} down.`;
    });
  });
  const element = h(
    'section',
    { class: 'card', 'aria-labelledby': 'preview-title', id: 'preview' },
    h('h2', { id: 'preview-title' }, 'Preview'),
    h(
      'p',
      { class: 'muted' },
      `The period's history (${formatDay(context.range.from)} – ${formatDay(context.range.to)}) scored under the active models and under the edited ones, side by side. Nothing changes until you apply.`,
    ),
    h('p', {}, button),
    run.status,
    run.error,
    stale,
    output,
  );
  return {
    element,
    markStale() {
      if (output.childElementCount) stale.hidden = false;
    },
  };
}
