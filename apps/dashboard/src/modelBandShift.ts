/**
 * The band shift of a preview as a small SVG chart: for each band, a bar of
 * how many there are under the active model ("now") and one under the
 * edited model ("edited"), each with its count written beside it, so the
 * two read apart by their words and not by their shade alone. The figure's
 * label says the same numbers for a screen reader. SVG attributes, not
 * style attributes: the dashboard's CSP allows no inline style.
 */
import { bandColour } from './bands.js';
import { h } from './dom.js';
import { formatInt } from './format.js';
import type { BandCounts } from './modelTypes.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 480;
const LABEL = 150;
const SERIES = 56;
const BAR_START = LABEL + SERIES;
const BAR_WIDTH = 210;
const ROW = 18;
const GAP = 12;

function svg(tag: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export interface BandRow {
  name: string;
  label: string;
}

/** The bands of either count that the model does not name, after the model's own (highest first). */
function rowsOf(bands: BandRow[], current: BandCounts, candidate: BandCounts): BandRow[] {
  const named = new Set(bands.map((band) => band.name));
  const others = [...new Set([...Object.keys(current), ...Object.keys(candidate)])]
    .filter((name) => !named.has(name))
    .map((name) => ({ name, label: name }));
  return [...bands, ...others];
}

export function bandShift(
  id: string,
  caption: string,
  bands: BandRow[],
  current: BandCounts,
  candidate: BandCounts,
): HTMLElement {
  const rows = rowsOf(bands, current, candidate);
  const largest = Math.max(1, ...rows.flatMap((row) => [current[row.name] ?? 0, candidate[row.name] ?? 0]));
  const height = rows.length * (2 * ROW + GAP);
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    class: 'shift-svg',
    role: 'img',
    'aria-labelledby': `${id}-summary`,
  });
  rows.forEach((row, index) => {
    const top = index * (2 * ROW + GAP);
    chart.append(svg('text', { x: 0, y: top + ROW + 4, class: 'shift-band' }, row.label));
    (
      [
        ['now', current[row.name] ?? 0, 1],
        ['edited', candidate[row.name] ?? 0, 0.55],
      ] as const
    ).forEach(([series, count, opacity], line) => {
      const y = top + line * ROW;
      const width = Math.max(count > 0 ? 2 : 0, (count / largest) * BAR_WIDTH);
      chart.append(
        svg('text', { x: LABEL, y: y + ROW - 5, class: 'shift-series' }, series),
        svg('rect', {
          x: BAR_START,
          y: y + 2,
          width,
          height: ROW - 4,
          rx: 2,
          fill: bandColour(row.name),
          'fill-opacity': opacity,
          stroke: bandColour(row.name),
        }),
        svg('text', { x: BAR_START + width + 6, y: y + ROW - 5, class: 'shift-count' }, formatInt(count)),
      );
    });
  });
  const summary = rows
    .map(
      (row) =>
        `${row.label}: ${formatInt(current[row.name] ?? 0)} now, ${formatInt(candidate[row.name] ?? 0)} edited`,
    )
    .join('; ');
  return h(
    'figure',
    { class: 'shift-chart', id },
    h('figcaption', {}, caption),
    chart,
    h('p', { class: 'visually-hidden', id: `${id}-summary` }, `${caption}. ${summary}.`),
  );
}
