/**
 * A story's ratings (DESIGN.md, "Feedback"): how many readers gave each
 * point of the 5-point scale, each reader's latest rating counted once, with
 * the count and the mean. A table, so the numbers read without the bars.
 */
import { bar } from './bar.js';
import { h } from './dom.js';
import { formatInt, formatPercent } from './format.js';
import type { RatingSummary } from '@dwell/contract';

/** What each point means to the reader who gave it (the scale the SDK's `feedback` documents). */
const MEANINGS = ['not worth my time', 'hardly', 'somewhat', 'worth it', 'very worth it'];

const formatMean = (mean: number) =>
  new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(mean);

export function ratingsTable(ratings: RatingSummary): HTMLElement {
  const caption =
    ratings.count === 0 || ratings.mean === null
      ? 'Ratings: none in this period'
      : `Ratings: ${formatInt(ratings.count)}, mean ${formatMean(ratings.mean)} of 5`;
  const total = ratings.count || 1;
  return h(
    'table',
    { id: 'ratings' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Rating'),
        h('th', { scope: 'col', class: 'num' }, 'Readers'),
        h('th', { scope: 'col', class: 'num' }, 'Share'),
      ),
    ),
    h(
      'tbody',
      {},
      // Highest first, like the bands: the best answer at the top.
      ...[5, 4, 3, 2, 1].map((rating) => {
        const count = ratings.distribution[rating - 1] ?? 0;
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, `${rating} `, h('span', { class: 'muted small' }, MEANINGS[rating - 1])),
          h('td', { class: 'num' }, formatInt(count)),
          h(
            'td',
            { class: 'num share' },
            bar(count / total, '#0b5cad'),
            h('span', { class: 'pct' }, formatPercent(count / total)),
          ),
        );
      }),
    ),
  );
}
