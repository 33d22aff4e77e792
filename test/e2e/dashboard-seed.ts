/**
 * Generated readers for the dashboard test, sent to a real collector over
 * HTTP as the SDK would: one batch per visitor, `ts` in the past and
 * `sent_at` now, so the collector's clock correction keeps them in the past.
 * Deterministic (a seeded generator), so the ranking it leads to is stable.
 */
import { DESKTOP_USER_AGENT } from './browser.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

export type Profile = 'high' | 'medium' | 'low';

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
];

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
          : random() * 6_000;
    events.push({
      id: id(),
      type: 'engage',
      content,
      session,
      ts: ts + 500,
      ms: Math.round(engaged / days.length),
    });
    if (profile === 'high' || (profile === 'medium' && random() < 0.3)) {
      events.push({ id: id(), type: 'share', content, session, ts: ts + 800, channel: 'copy' });
    }
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
