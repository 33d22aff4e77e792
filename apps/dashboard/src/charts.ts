/**
 * The dashboard's charts, all uPlot: lines over UTC days, and stacked bars
 * of readers by band. Each chart sits in a `<figure>` whose caption says what
 * it shows, follows its container's width, and reads its days in UTC (the
 * collector's days), not in the browser's zone.
 */
import uPlot from 'uplot';
import { bandColour } from './bands.js';
import { h } from './dom.js';
import { daySeconds } from './format.js';

const HEIGHT = 220;
const AXIS = {
  stroke: '#3d4451',
  grid: { stroke: '#e3e6eb', width: 1 },
  ticks: { stroke: '#c9ced6', width: 1 },
};
const DAY_S = 86_400;

export interface LineSeries {
  label: string;
  colour: string;
  values: (number | null)[];
  format?: (value: number) => string;
  /** Dashes, so a line drawn over an equal one still shows both. */
  dash?: number[];
}

function baseOptions(width: number, days: string[], yRange?: [number, number]): uPlot.Options {
  const first = daySeconds(days[0] ?? '1970-01-01');
  const last = daySeconds(days.at(-1) ?? '1970-01-01');
  return {
    width,
    height: HEIGHT,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    // The days shown, with half a day of margin each side, so one day is still a
    // visible point or bar: uPlot's own range for a single x value spans years.
    scales: {
      x: { time: true, range: () => [first - DAY_S / 2, last + DAY_S / 2] },
      y: yRange ? { range: () => yRange } : { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
    },
    // Ticks on whole days (1, 2, 7, 14 or 28 apart), labelled as days: the data are UTC days, never hours.
    axes: [
      { ...AXIS, incrs: [1, 2, 7, 14, 28].map((days) => days * DAY_S), values: '{D} {MMM}' },
      { ...AXIS, size: 50 },
    ],
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    series: [{ label: 'Day', value: '{YYYY}-{MM}-{DD}' }],
  };
}

/** Keeps the chart as wide as its figure. */
function follow(figure: HTMLElement, chart: uPlot): void {
  const observer = new ResizeObserver(() => {
    const width = Math.floor(figure.clientWidth);
    if (!figure.isConnected) observer.disconnect();
    else if (width > 0 && width !== chart.width) chart.setSize({ width, height: HEIGHT });
  });
  observer.observe(figure);
}

function figureFor(id: string, caption: string, summary: string): HTMLElement {
  return h(
    'figure',
    { class: 'chart', id, 'aria-label': `${caption}. ${summary}` },
    h('figcaption', {}, caption),
  );
}

/** Mounts `figure` in `parent` first, so the chart can take its width. */
function mount(
  parent: HTMLElement,
  figure: HTMLElement,
  options: uPlot.Options,
  data: uPlot.AlignedData,
): uPlot {
  parent.append(figure);
  const chart = new uPlot({ ...options, width: Math.max(240, figure.clientWidth) }, data, figure);
  follow(figure, chart);
  return chart;
}

export function lineChart(
  parent: HTMLElement,
  id: string,
  caption: string,
  days: string[],
  series: LineSeries[],
  yRange?: [number, number],
): uPlot {
  const last = series.map((entry) => `${entry.label} on the last day: ${entry.values.at(-1) ?? 'none'}`);
  const options = baseOptions(0, days, yRange);
  options.series.push(
    ...series.map((entry) => ({
      label: entry.label,
      stroke: entry.colour,
      width: 2,
      dash: entry.dash,
      fill: series.length === 1 ? `${entry.colour}1f` : undefined,
      points: { show: true, size: 6 },
      value: (_u: uPlot, value: number | null) =>
        value === null ? '–' : entry.format ? entry.format(value) : String(value),
    })),
  );
  const data: uPlot.AlignedData = [days.map(daySeconds), ...series.map((entry) => entry.values)];
  return mount(parent, figureFor(id, caption, last.join('; ')), options, data);
}

/**
 * Readers by band per day, stacked: uPlot draws each series over the ones
 * before it, so the first series is the total (in the lowest band's colour),
 * the next the total without the lowest band, and so on; the legend shows
 * each band's own count.
 */
export function bandBarsChart(
  parent: HTMLElement,
  id: string,
  caption: string,
  days: string[],
  bands: { name: string; label: string }[],
  counts: Record<string, number>[],
): uPlot {
  const lowestFirst = [...bands].reverse();
  const stacked = lowestFirst.map((_band, index) =>
    counts.map((day) => lowestFirst.slice(index).reduce((sum, band) => sum + (day[band.name] ?? 0), 0)),
  );
  const options = baseOptions(0, days);
  const bars = uPlot.paths.bars!({ size: [0.7, 48], gap: 1 });
  options.series.push(
    ...lowestFirst.map((band) => ({
      label: band.label,
      stroke: bandColour(band.name),
      fill: bandColour(band.name),
      width: 0,
      paths: bars,
      points: { show: false },
      value: (_u: uPlot, _value: number | null, _series: number, index: number | null) =>
        index === null ? '–' : String(counts[index]?.[band.name] ?? 0),
    })),
  );
  const totals = counts.map((day) => Object.values(day).reduce((sum, value) => sum + value, 0));
  const summary = `${days.length} days, ${totals.reduce((sum, value) => sum + value, 0)} readers in all`;
  return mount(parent, figureFor(id, caption, summary), options, [days.map(daySeconds), ...stacked]);
}
