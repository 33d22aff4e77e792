// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { carriesPage, isShareCopy, shareChannelOf } from './shares.js';

function target(html: string): Element {
  document.body.innerHTML = html;
  return document.querySelector('#t')!;
}

describe('shareChannelOf', () => {
  it('takes the channel from data-dwell-share, on the element or an ancestor', () => {
    expect(shareChannelOf(target('<button id="t" data-dwell-share="bluesky">Share</button>'))).toBe(
      'bluesky',
    );
    expect(shareChannelOf(target('<button data-dwell-share="copy"><span id="t">icon</span></button>'))).toBe(
      'copy',
    );
    expect(shareChannelOf(target('<button id="t" data-dwell-share>Share</button>'))).toBe('button');
  });

  /** The page's URL, as share links carry it: plain, or encoded in a parameter. */
  const page = (): string => `${location.origin}/a/1`;
  const encoded = (): string => encodeURIComponent(page());

  it.each([
    // The networks of the former list, and the channel each is now named by.
    ['https://twitter.com/intent/tweet?url={u}', 'twitter.com'],
    ['https://x.com/intent/post?text=Read%20this%20{u}', 'x.com'],
    ['https://www.facebook.com/sharer/sharer.php?u={u}', 'facebook.com'],
    ['https://www.linkedin.com/sharing/share-offsite/?url={u}', 'linkedin.com'],
    ['https://wa.me/?text={u}', 'wa.me'],
    ['https://api.whatsapp.com/send?text={u}', 'api.whatsapp.com'],
    ['https://www.reddit.com/submit?url={u}', 'reddit.com'],
    ['https://t.me/share/url?url={u}', 't.me'],
    ['mailto:?subject=Read&body={u}', 'email'],
    // Networks no list named, known by what the link carries.
    ['https://bsky.app/intent/compose?text=A%20story%20{u}', 'bsky.app'],
    ['https://mastodon.social/share?text={u}', 'mastodon.social'],
    ['https://www.threads.net/intent/post?text={u}', 'threads.net'],
    ['https://pinterest.com/pin/create/button/?url={u}&description=x', 'pinterest.com'],
    ['https://news.ycombinator.com/submitlink?u={u}&t=Title', 'news.ycombinator.com'],
    ['sms:?&body={u}', 'sms'],
  ])('recognises a share link to %s as %s', (href, channel) => {
    history.replaceState(null, '', '/a/1');
    for (const url of [encoded(), page()]) {
      const link = target(`<a id="t" href="${href.replace('{u}', url)}">share</a>`);
      expect(shareChannelOf(link)).toBe(channel);
    }
  });

  it("recognises the page's address without its query, hash or trailing slash", () => {
    history.replaceState(null, '', '/a/1/?utm_source=news#top');
    expect(
      shareChannelOf(target(`<a id="t" href="https://bsky.app/intent/compose?text=${encoded()}">s</a>`)),
    ).toBe('bsky.app');
    // The page is http (happy-dom's); the link names it by https.
    const https = encodeURIComponent(page().replace(/^http:/, 'https:'));
    expect(shareChannelOf(target(`<a id="t" href="https://x.com/intent/post?url=${https}">s</a>`))).toBe(
      'x.com',
    );
  });

  it('ignores outbound links without the page URL, links within the site, and clicks elsewhere', () => {
    history.replaceState(null, '', '/a/1');
    expect(shareChannelOf(target('<a id="t" href="https://twitter.com/dwell">profile</a>'))).toBeUndefined();
    expect(
      shareChannelOf(target('<a id="t" href="https://x.com/intent/post?text=hello">no url</a>')),
    ).toBeUndefined();
    expect(
      shareChannelOf(
        target(
          `<a id="t" href="https://x.com/intent/post?url=${encodeURIComponent(`${location.origin}/b/2`)}">another page</a>`,
        ),
      ),
    ).toBeUndefined();
    expect(
      shareChannelOf(target('<a id="t" href="mailto:desk@news.example">write to us</a>')),
    ).toBeUndefined();
    expect(
      shareChannelOf(target(`<a id="t" href="/login?next=${encoded()}">same origin</a>`)),
    ).toBeUndefined();
    expect(
      shareChannelOf(target(`<a id="t" href="javascript:void('${page()}')">script</a>`)),
    ).toBeUndefined();
    expect(shareChannelOf(target('<p id="t">text</p>'))).toBeUndefined();
    expect(shareChannelOf(null)).toBeUndefined();
  });
});

describe('carriesPage', () => {
  it('finds the page address plain or encoded, and nothing else', () => {
    const url = 'https://news.example/a/1?ref=home';
    expect(carriesPage('https://x.com/share?url=https%3A%2F%2Fnews.example%2Fa%2F1', url)).toBe(true);
    expect(carriesPage('mailto:?body=See https://news.example/a/1/', url)).toBe(true);
    expect(carriesPage('https://x.com/share?url=https%3A%2F%2Fnews.example%2Fa%2F2', url)).toBe(false);
  });
});

describe('isShareCopy', () => {
  it('counts a copy of the page URL or of text inside the content, not an empty one', () => {
    expect(isShareCopy('see https://news.example/a/1 now', 'https://news.example/a/1', false)).toBe(true);
    expect(isShareCopy('a quote', 'https://news.example/a/1', true)).toBe(true);
    expect(isShareCopy('a quote', 'https://news.example/a/1', false)).toBe(false);
    expect(isShareCopy('  ', 'https://news.example/a/1', true)).toBe(false);
  });
});
