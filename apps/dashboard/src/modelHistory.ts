/**
 * The history of a site's models (`GET /models`), newest first: each applied
 * content or reader model with its version, when it was applied, where it
 * came from (the config file or this API) and whether it is the active one.
 */
import { h } from './dom.js';
import type { HistoryItem } from './modelTypes.js';

const KINDS = { content: 'Content', reader: 'Reader' } as const;
const SOURCES = { config: 'Config file', api: 'Applied here' } as const;

/** `2026-05-02 14:03 UTC`: the collector's instants in UTC, like its days. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function historyTable(items: HistoryItem[]): HTMLElement {
  if (!items.length) return h('p', { class: 'empty' }, 'No model applied yet.');
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Model history, table' },
    h(
      'table',
      { id: 'model-history' },
      h('caption', { class: 'visually-hidden' }, 'Applied models, newest first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Version'),
          h('th', { scope: 'col' }, 'Kind'),
          h('th', { scope: 'col' }, 'Applied'),
          h('th', { scope: 'col' }, 'Source'),
          h('th', { scope: 'col' }, 'Status'),
        ),
      ),
      h(
        'tbody',
        {},
        ...items.map((item) =>
          h(
            'tr',
            { 'data-kind': item.kind, 'data-active': String(item.active) },
            h('th', { scope: 'row' }, h('code', {}, item.version)),
            h('td', {}, KINDS[item.kind] ?? item.kind),
            h('td', {}, formatInstant(item.applied_at)),
            h('td', {}, SOURCES[item.source] ?? item.source),
            h(
              'td',
              {},
              item.active
                ? h('span', { class: 'active-badge' }, 'Active')
                : h('span', { class: 'muted' }, 'Earlier'),
            ),
          ),
        ),
      ),
    ),
  );
}
