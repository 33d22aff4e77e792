/**
 * Generated readers for the dashboard test, sent to a real collector over
 * HTTP as the SDK would: one batch per visitor, `ts` in the past and
 * `sent_at` now, so the collector's clock correction keeps them in the past.
 * Deterministic (a seeded generator), so the ranking it leads to is stable.
 * Beside them, a few readers written out by hand (`READERS`), who visit on
 * several days, read several stories and rate them, over this period and the
 * previous one, so that the Readers view has bands, movement and readers at
 * risk whose figures follow from the reader model by hand (`READER_FIGURES`).
 */
import { DESKTOP_USER_AGENT } from './browser.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** `sharer`: a quick look (15–25 s) and two shares, every time: a story whose score is mostly its shares. */
export type Profile = 'high' | 'medium' | 'low' | 'sharer';

export interface Article {
  content: string;
  title: string;
  url: string;
  section?: string;
  author?: string;
  /** Readers: how many, which profile, and between how many days ago they read (inclusive). */
  readers: { count: number; profile: Profile; daysAgo: [number, number] }[];
}

export const XSS_TITLE = '<img src=x onerror="window.__pwned=1">';

/**
 * The share-heavy story: every reader glances at it and shares it, so most of
 * its score is the share signal's — with share at 0 points it falls in rank.
 */
export const SHARED = '/culture/seabird-quiz';
export const SHARED_TITLE = 'Quiz: which seabird are you?';

export const ARTICLES: Article[] = [
  {
    content: '/news/harbour-rescue',
    title: 'Harbour rescue: the night shift',
    url: 'https://news.example/news/harbour-rescue',
    section: 'News',
    author: 'Ada Lovelace',
    readers: [
      { count: 36, profile: 'high', daysAgo: [1, 20] },
      { count: 6, profile: 'medium', daysAgo: [1, 20] },
    ],
  },
  {
    content: '/science/deep-sea-vents',
    title: 'Life around deep-sea vents',
    url: 'https://news.example/science/deep-sea-vents',
    section: 'Science',
    author: 'Grace Hopper',
    readers: [
      { count: 14, profile: 'high', daysAgo: [1, 25] },
      { count: 16, profile: 'medium', daysAgo: [1, 25] },
    ],
  },
  {
    content: '/politics/city-budget',
    title: 'The city budget, explained',
    url: 'https://news.example/politics/city-budget',
    section: 'Politics',
    author: 'Ada Lovelace',
    readers: [
      { count: 18, profile: 'medium', daysAgo: [0, 14] },
      { count: 8, profile: 'low', daysAgo: [0, 14] },
    ],
  },
  {
    content: '/news/morning-briefing',
    title: 'Morning briefing',
    url: 'https://news.example/news/morning-briefing',
    section: 'News',
    author: 'Linus Pauling',
    readers: [
      { count: 30, profile: 'low', daysAgo: [0, 10] },
      { count: 4, profile: 'medium', daysAgo: [0, 10] },
    ],
  },
  {
    content: '/sport/derby',
    title: 'Derby day: a late winner',
    url: 'https://news.example/sport/derby',
    section: 'Sport',
    author: 'Grace Hopper',
    readers: [{ count: 10, profile: 'high', daysAgo: [0, 0] }],
  },
  {
    content: '/culture/festival-review',
    title: 'Festival review',
    url: 'https://news.example/culture/festival-review',
    section: 'Culture',
    author: 'Linus Pauling',
    readers: [
      { count: 12, profile: 'high', daysAgo: [8, 12] },
      { count: 12, profile: 'low', daysAgo: [1, 5] },
    ],
  },
  {
    content: '/science/one-fan',
    title: "One fan's favourite",
    url: 'https://news.example/science/one-fan',
    section: 'Science',
    author: 'Grace Hopper',
    readers: [{ count: 1, profile: 'high', daysAgo: [2, 2] }],
  },
  {
    content: '/opinion/hostile',
    title: XSS_TITLE,
    url: 'javascript:alert(1)',
    section: '<b>Opinion</b>',
    author: '<script>window.__pwned=2</script>',
    readers: [{ count: 3, profile: 'medium', daysAgo: [1, 6] }],
  },
  // Last, so the generator's draws for the stories above stay as they were.
  {
    content: SHARED,
    title: SHARED_TITLE,
    url: 'https://news.example/culture/seabird-quiz',
    section: 'Culture',
    author: 'Linus Pauling',
    readers: [{ count: 24, profile: 'sharer', daysAgo: [1, 12] }],
  },
];

/** One visit of a hand-written reader: a story on a day, with engaged time and maybe a rating. */
export interface Visit {
  daysAgo: number;
  content: string;
  minutes: number;
  rating?: 1 | 2 | 3 | 4 | 5;
}

export interface Reader {
  visitor: string;
  visits: Visit[];
}

const HARBOUR = '/news/harbour-rescue';
const VENTS = '/science/deep-sea-vents';
const BUDGET = '/politics/city-budget';
const BRIEFING = '/news/morning-briefing';
const DERBY = '/sport/derby';

/**
 * 4 days, 5 stories, 30 minutes, the rating given on the newest day: weekly
 * +25, breadth +50, depth +15, a mean rating of 4 or 5 +25 — raw 115, score
 * 76.7, high. Never today, so the "24 h" ranking keeps to the generated
 * readers.
 */
function loyal(visitor: string, rating: 4 | 5, shift = 0): Reader {
  return {
    visitor,
    visits: [
      { daysAgo: 1 + shift, content: HARBOUR, minutes: 6, rating },
      { daysAgo: 2 + shift, content: VENTS, minutes: 6 },
      { daysAgo: 3 + shift, content: BUDGET, minutes: 6 },
      { daysAgo: 4 + shift, content: BRIEFING, minutes: 6 },
      { daysAgo: 4 + shift, content: DERBY, minutes: 6 },
    ],
  };
}

/** 2 days, 3 stories, 20 minutes: monthly +10, breadth +30, depth +10 — raw 50, score 33.3, medium. */
function casual(visitor: string, first: number, rating?: 3): Reader {
  return {
    visitor,
    visits: [
      { daysAgo: first, content: HARBOUR, minutes: 10, rating },
      { daysAgo: first + 3, content: VENTS, minutes: 5 },
      { daysAgo: first + 3, content: BUDGET, minutes: 5 },
    ],
  };
}

/**
 * Readers who move. The collector takes no event older than the model's
 * window (30 days), so the 30-day view has no previous period to compare
 * with: movement and risk are seeded for the 7-day view, days 0–6 against
 * days 7–13. A reader is scored as of their latest activity in a period,
 * over the 30-day window ending that day.
 */
export const READERS: Reader[] = [
  loyal('reader-loyal-1', 5),
  loyal('reader-loyal-2', 5),
  loyal('reader-loyal-3', 5),
  loyal('reader-loyal-4', 4),
  loyal('reader-loyal-5', 4),
  // Low in the previous 7 days (one story on day 10: 13.3); high now (the loyal visits, day 10 in the window): up.
  {
    visitor: 'reader-returning',
    visits: [{ daysAgo: 10, content: BUDGET, minutes: 3 }, ...loyal('', 4).visits],
  },
  casual('reader-casual-1', 2, 3),
  casual('reader-casual-2', 2, 3),
  casual('reader-casual-3', 2, 3),
  // Medium before (33.3 on day 8) and now (days 3, 6, 8, 11: weekly +25, 3 stories, 40 min — 50.0): same band.
  { visitor: 'reader-steady', visits: [...casual('', 8).visits, ...casual('', 3).visits] },
  // One day, one story, rated 1: monthly +10, breadth +10, detractor −25 — low.
  { visitor: 'reader-detractor', visits: [{ daysAgo: 3, content: HARBOUR, minutes: 2, rating: 1 }] },
  // High on days 8–11 (76.7, rated Harbour 5); on day 2 rates it 1 instead, a detractor now (43.3): at risk.
  {
    visitor: 'reader-lapsing',
    visits: [...loyal('', 5, 7).visits, { daysAgo: 2, content: HARBOUR, minutes: 1, rating: 1 }],
  },
  // Medium on days 9 and 12 (33.3), nothing since: at risk and gone, score 0.
  { visitor: 'reader-lapsed', visits: casual('', 9).visits },
];

/** The generated readers: 194 visitors, every one in the last 30 days. */
const GENERATED = ARTICLES.reduce(
  (sum, article) => sum + article.readers.reduce((count, group) => count + group.count, 0),
  0,
);

/**
 * What the Readers view shows, worked out by hand. Every generated reader
 * reads one story on one or two days for a few minutes at most — monthly
 * +10, breadth +10, raw 20, score 13.3, low — so they are low in every
 * period and never move a band: the figures besides theirs are the
 * hand-written readers'.
 */
export const READER_FIGURES = {
  /** 30 days: loyal ×5 and returning; casual ×3, steady, lapsing and lapsed; the generated and the detractor. */
  bands: { high: 6, medium: 6, low: GENERATED + 1 },
  readers: GENERATED + READERS.length,
  /** 7 days against the 7 before: returning rose, lapsing fell (the generated stay low or come and go). */
  week: {
    high: 6,
    /** Casual ×3, steady, lapsing. */
    medium: 5,
    up: 1,
    down: 1,
    atRisk: [
      { visitor: 'reader-lapsing', previous: '76.7', now: '43.3', fall: '33.4', lastSeenDaysAgo: 2 },
      { visitor: 'reader-lapsed', previous: '33.3', now: '0.0', fall: '33.3', lastSeenDaysAgo: 9 },
    ],
  },
  /**
   * Harbour rescue's ratings in the 30 days, each reader's latest: 1 from the
   * detractor and lapsing (whose 5 it replaced), 3 from casual ×3, 4 from
   * loyal ×2 and returning, 5 from loyal ×3 — 11 ratings, mean 38 / 11.
   */
  harbourRatings: { distribution: [2, 0, 3, 3, 3], count: 11, mean: '3.45' },
};

/** A hand-written reader's events: a session per day, a view, the engaged time and the rating of each visit. */
function visitEvents(reader: Reader, now: number): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (const [index, visit] of reader.visits.entries()) {
    const article = ARTICLES.find((entry) => entry.content === visit.content)!;
    const ts = now - visit.daysAgo * DAY - MINUTE - index * 2000;
    const session = `s-${visit.daysAgo}`;
    const id = (kind: string) => `${reader.visitor}-${index}-${kind}`;
    const { content, title, url, section, author } = article;
    events.push({ id: id('view'), type: 'view', content, session, ts, title, url, section, author });
    events.push({
      id: id('engage'),
      type: 'engage',
      content,
      session,
      ts: ts + 500,
      ms: visit.minutes * MINUTE,
    });
    if (visit.rating)
      events.push({
        id: id('rating'),
        type: 'feedback',
        content,
        session,
        ts: ts + 900,
        rating: visit.rating,
      });
  }
  return events;
}

/** mulberry32: a small seeded generator. */
function generator(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One reader's events: sessions on days `daysAgo`, engaged time and shares by profile. */
function readerEvents(article: Article, profile: Profile, days: number[], now: number, random: () => number) {
  const events: Record<string, unknown>[] = [];
  let sequence = 0;
  const id = () => `${article.content}-${random().toString(36).slice(2)}-${sequence++}`;
  for (const [index, daysAgo] of days.entries()) {
    // Within the first few minutes before "now" on that day, so day 0 stays today (UTC).
    const ts = now - daysAgo * DAY - Math.floor(random() * 3 * MINUTE) - index * 1000;
    const session = `s-${index}`;
    const { content, title, url, section, author } = article;
    events.push({ id: id(), type: 'view', content, session, ts, title, url, section, author });
    const engaged =
      profile === 'high'
        ? 90_000 + random() * 60_000
        : profile === 'medium'
          ? 45_000 + random() * 40_000
          : profile === 'sharer'
            ? 15_000 + random() * 10_000
            : random() * 6_000;
    events.push({
      id: id(),
      type: 'engage',
      content,
      session,
      ts: ts + 500,
      ms: Math.round(engaged / days.length),
    });
    if (profile === 'high' || profile === 'sharer' || (profile === 'medium' && random() < 0.3)) {
      events.push({ id: id(), type: 'share', content, session, ts: ts + 800, channel: 'copy' });
    }
    // A sharer shares it twice (a copy and a post): 50 of their 65 points are the share signal's.
    if (profile === 'sharer')
      events.push({ id: id(), type: 'share', content, session, ts: ts + 900, channel: 'x' });
  }
  return events;
}

/** Sends every article's readers; resolves with the number of visitors sent. */
export async function seed(collectorUrl: string, now = Date.now()): Promise<number> {
  const random = generator(42);
  const batches: object[] = [];
  for (const article of ARTICLES) {
    for (const group of article.readers) {
      for (let index = 0; index < group.count; index++) {
        const [newest, oldest] = group.daysAgo;
        const first = newest + Math.floor(random() * (oldest - newest + 1));
        // High readers come back on another day: a repeat visit.
        const days =
          group.profile === 'high' && first > newest
            ? [first, newest + Math.floor(random() * (first - newest))]
            : [first];
        batches.push({
          site: 'demo',
          visitor: `visitor-${batches.length}`,
          sent_at: now,
          events: readerEvents(article, group.profile, days, now, random),
        });
      }
    }
  }
  for (const reader of READERS)
    batches.push({ site: 'demo', visitor: reader.visitor, sent_at: now, events: visitEvents(reader, now) });
  for (let start = 0; start < batches.length; start += 20) {
    const responses = await Promise.all(
      batches.slice(start, start + 20).map((batch) =>
        fetch(`${collectorUrl}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': DESKTOP_USER_AGENT },
          body: JSON.stringify(batch),
        }),
      ),
    );
    for (const response of responses) {
      const body = (await response.json()) as { accepted: number; rejected: unknown[] };
      if (response.status !== 202 || body.rejected.length)
        throw new Error(`seed refused: ${JSON.stringify(body)}`);
    }
  }
  return batches.length;
}
