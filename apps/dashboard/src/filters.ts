/**
 * The filters above every view: period (24 h, 7 days, 30 days, or a custom
 * range of UTC days), section and author. Scores are kept by UTC day, so
 * "24 h" is today (UTC) and "7 days" is the seven days ending today.
 */
import { h } from './dom.js';
import { isoDay } from './format.js';
import type { Params } from './api.js';

export type Period = '1' | '7' | '30' | 'custom';

export interface Filters {
  period: Period;
  from: string;
  to: string;
  section: string;
  author: string;
}

export function defaultFilters(): Filters {
  return { period: '30', from: isoDay(-6), to: isoDay(), section: '', author: '' };
}

/** The `from`/`to` of the filters, at most `windowDays` long. */
export function rangeParams(filters: Filters, windowDays: number): { from: string; to: string } {
  if (filters.period === 'custom') return { from: filters.from, to: filters.to };
  const days = Math.min(Number(filters.period), windowDays);
  return { from: isoDay(1 - days), to: isoDay() };
}

export function filterParams(filters: Filters, windowDays: number): Params {
  return {
    ...rangeParams(filters, windowDays),
    section: filters.section || undefined,
    author: filters.author || undefined,
  };
}

function select(id: string, label: string, options: [string, string][], value: string): HTMLSelectElement {
  const element = h('select', { id, name: id, 'aria-label': label });
  for (const [optionValue, text] of options) {
    const option = h('option', { value: optionValue }, text);
    option.selected = optionValue === value;
    element.append(option);
  }
  return element;
}

/**
 * The filter bar; `onChange` gets the new filters whenever one changes.
 * `periodOnly`: readers are scored across the whole site, so the Readers view
 * offers no section or author (and the choices stay as they were).
 */
export function renderFilters(
  filters: Filters,
  choices: { sections: string[]; authors: string[] },
  onChange: (filters: Filters) => void,
  extra: HTMLElement | null,
  periodOnly = false,
): HTMLElement {
  const period = select(
    'period',
    'Period',
    [
      ['1', '24 h'],
      ['7', '7 days'],
      ['30', '30 days'],
      ['custom', 'Custom…'],
    ],
    filters.period,
  );
  const from = h('input', {
    id: 'from',
    type: 'date',
    value: filters.from,
    max: isoDay(),
    'aria-label': 'From',
  });
  const to = h('input', { id: 'to', type: 'date', value: filters.to, max: isoDay(), 'aria-label': 'To' });
  const custom = h('span', { class: 'custom-range' }, from, h('span', { 'aria-hidden': 'true' }, '–'), to);
  custom.hidden = filters.period !== 'custom';
  const withChosen = (list: string[], chosen: string) =>
    chosen && !list.includes(chosen) ? [chosen, ...list] : list;
  const section = select(
    'section',
    'Section',
    [
      ['', 'All sections'],
      ...withChosen(choices.sections, filters.section).map((name): [string, string] => [name, name]),
    ],
    filters.section,
  );
  const author = select(
    'author',
    'Author',
    [
      ['', 'All authors'],
      ...withChosen(choices.authors, filters.author).map((name): [string, string] => [name, name]),
    ],
    filters.author,
  );
  const changed = () => {
    custom.hidden = period.value !== 'custom';
    if (period.value === 'custom' && (!from.value || !to.value)) return;
    onChange({
      period: period.value as Period,
      from: from.value,
      to: to.value,
      section: section.value,
      author: author.value,
    });
  };
  for (const control of [period, from, to, section, author]) control.addEventListener('change', changed);
  return h(
    'form',
    { class: 'filters', 'aria-label': 'Filters', role: 'search' },
    h('label', { class: 'field' }, h('span', {}, 'Period'), period),
    custom,
    periodOnly ? null : h('label', { class: 'field' }, h('span', {}, 'Section'), section),
    periodOnly ? null : h('label', { class: 'field' }, h('span', {}, 'Author'), author),
    extra,
  );
}
