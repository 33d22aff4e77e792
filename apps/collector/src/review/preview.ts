/**
 * `POST /models/preview`'s answer: the site's history under its active
 * models and under the candidates, side by side — every content's score and
 * rank, the band counts of the (visitor, content) pairs, and the readers'
 * bands and moves. Read-only: nothing is stored or changed.
 */
import { modelVersion, type Model } from '@dwell/score';
import type { ModelPreview } from '@dwell/contract';
import { isoDay } from '../days.js';
import { rank } from '../read/items.js';
import { scoreInterval } from '../read/ranking.js';
import type { Site } from '../sites.js';
import type { ContentTotals, DayRange, Store } from '../store/store.js';
import {
  contentsUnderModels,
  firstDayNeeded,
  type BandCounts,
  type ContentUnderModels,
} from './contentPreview.js';
import { readerDaysFrom, readersUnderModels, type ReaderPreview } from './readerPreview.js';
import { readerQueryOf } from '../read/readerSegments.js';

/** Each content's rank (1 = first) in the ranked list's order, by content. */
function ranksOf(totals: readonly ContentTotals[]): Map<string, number> {
  return new Map(
    rank(totals, 'score', totals.length).map((entry, index) => [entry.totals.content, index + 1]),
  );
}

/** The one model's results as both the current's and the candidate's. */
function twice({ contents, bands }: { contents: ContentUnderModels[]; bands: BandCounts }) {
  return {
    contents: contents.map(({ content, totals }) => ({ content, totals: [totals[0]!, totals[0]!] })),
    bands: [bands[0]!, bands[0]!],
  };
}

/** The readers under the active reader model, as the reader views hold them (`/readers` counts the same). */
async function readersAsStored(store: Store, site: Site, range: DayRange): Promise<ReaderPreview> {
  const segments = await store.readerSegments(readerQueryOf(site, range, 0));
  const bands = Object.fromEntries(segments.bands);
  const readers = [...segments.bands.values()].reduce((sum, count) => sum + count, 0);
  return { readers, bands: [bands, bands], moved: { up: 0, down: 0 } };
}

export async function preview(
  store: Store,
  site: Site,
  candidates: { model?: Model; reader?: Model },
  range: DayRange,
): Promise<ModelPreview> {
  const contentModels = [site.model, candidates.model ?? site.model];
  const readerModels = [site.readerModel, candidates.reader ?? site.readerModel] as const;
  // A candidate that is the active model scores as the active one: only one of them is computed.
  const sameContent = modelVersion(contentModels[0]!) === modelVersion(contentModels[1]!);
  const sameReader = modelVersion(readerModels[0]) === modelVersion(readerModels[1]);
  const scored = sameContent ? [site.model] : contentModels;
  const [{ contents, bands }, readers] = await Promise.all([
    contentsUnderModels(
      store.pairDays(site.id, { from: firstDayNeeded(range, scored), to: range.to }),
      range,
      scored,
    ).then((under) => (sameContent ? twice(under) : under)),
    sameReader
      ? readersAsStored(store, site, range)
      : readersUnderModels(
          store.readerDays(site.id, { from: readerDaysFrom(range, readerModels), to: range.to }),
          range,
          ...readerModels,
        ),
  ]);
  const ranks = [0, 1].map((index) => ranksOf(contents.map((entry) => entry.totals[index]!)));
  const scoreOf = (totals: ContentTotals) =>
    scoreInterval(totals.readers, totals.scoreX10, totals.scoreSq).score;
  const metas = await store.contentMetas(
    site.id,
    contents.map((entry) => entry.content),
  );
  const items = contents
    .map(({ content, totals }) => ({
      content,
      title: metas.get(content)?.title ?? null,
      readers: totals[0]!.readers,
      score: scoreOf(totals[0]!),
      rank: ranks[0]!.get(content)!,
      candidate_score: scoreOf(totals[1]!),
      candidate_rank: ranks[1]!.get(content)!,
    }))
    .sort((a, b) => a.rank - b.rank);
  const versions = (model: Model, reader: Model) => ({
    model: modelVersion(model),
    reader: modelVersion(reader),
  });
  return {
    site: site.id,
    from: isoDay(range.from),
    to: isoDay(range.to),
    current: versions(contentModels[0]!, readerModels[0]),
    candidate: versions(contentModels[1]!, readerModels[1]),
    contents: items,
    bands: { current: bands[0]!, candidate: bands[1]! },
    readers: {
      readers: readers.readers,
      bands: { current: readers.bands[0]!, candidate: readers.bands[1]! },
      moved: readers.moved,
    },
  };
}
