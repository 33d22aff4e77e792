// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isShareCopy, shareChannelOf } from './shares.js';

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

  it.each([
    ['https://twitter.com/intent/tweet?url=x', 'x'],
    ['https://x.com/intent/post?text=a', 'x'],
    ['https://www.facebook.com/sharer/sharer.php?u=x', 'facebook'],
    ['https://www.linkedin.com/sharing/share-offsite/?url=x', 'linkedin'],
    ['https://wa.me/?text=x', 'whatsapp'],
    ['https://api.whatsapp.com/send?text=x', 'whatsapp'],
    ['https://www.reddit.com/submit?url=x', 'reddit'],
    ['https://t.me/share/url?url=x', 'telegram'],
    ['mailto:?subject=Read&body=x', 'email'],
  ])('recognises a share link to %s as %s', (href, channel) => {
    expect(shareChannelOf(target(`<a id="t" href="${href}">share</a>`))).toBe(channel);
  });

  it('ignores ordinary links and clicks elsewhere', () => {
    expect(shareChannelOf(target('<a id="t" href="https://twitter.com/dwell">profile</a>'))).toBeUndefined();
    expect(
      shareChannelOf(target('<a id="t" href="https://example.com/x.com/intent">lookalike</a>')),
    ).toBeUndefined();
    expect(shareChannelOf(target('<p id="t">text</p>'))).toBeUndefined();
    expect(shareChannelOf(null)).toBeUndefined();
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
