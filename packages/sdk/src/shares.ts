/** Recognising shares: share buttons, share links, copies of the page, native shares. */
import { listen } from './guard.js';
import { contentElement } from './scroll.js';

/**
 * Whether a link's address carries the page's, plain or encoded: what every
 * share endpoint's link does (`?url=`, `?u=`, `?text=`, a mail's body). The
 * page's address is compared without scheme, query, hash or a trailing
 * slash, so that `https://news.example/a/1/?utm_source=x` and a link's
 * `url=http%3A%2F%2Fnews.example%2Fa%2F1` meet at `news.example/a/1`.
 */
export function carriesPage(href: string, pageUrl: string): boolean {
  const page = pageUrl.replace(/^\w+:\/\/|\/?([?#].*)?$/g, '');
  return href.includes(page) || href.includes(encodeURIComponent(page));
}

/** The channels of share links without a host. */
const SCHEMES: Record<string, string> = { 'mailto:': 'email', 'sms:': 'sms' };

/**
 * The share channel of a click target, if it is a share button or a share
 * link. A share link is known by what it means, not from a list of networks:
 * a link to another origin, or `mailto:` / `sms:`, whose address carries the
 * page's (see `carriesPage`); so Bluesky, Mastodon, Threads and whatever
 * comes next count as X and Facebook do. Its channel is the link's host
 * without `www.` (`x.com`, `bsky.app`), `email` or `sms`.
 */
export function shareChannelOf(target: EventTarget | null): string | undefined {
  // Only elements have `closest`: a click on the document or the window is no share.
  const element = (target as Element | null)?.closest?.('[data-dwell-share],a[href]');
  const channel = element?.getAttribute('data-dwell-share');
  if (channel != null) return channel || 'button';
  const { protocol, origin, host, href } = (element ?? {}) as Partial<HTMLAnchorElement>;
  const via = SCHEMES[protocol!] ?? (origin !== location.origin && host?.replace(/^www\./, ''));
  return via && carriesPage(href!, location.href) ? via : undefined;
}

/** Whether a copy shares the page: the text holds the page URL, or is a selection inside the content. */
export function isShareCopy(text: string, pageUrl: string, inContent: boolean): boolean {
  return !!text.trim() && (inContent || text.includes(pageUrl));
}

/** Calls `shared` with the channel of every share made on the page. */
export function watchShares(shared: (channel: string) => void): void {
  listen(document, 'click', ({ target }) => {
    const channel = shareChannelOf(target);
    if (channel) shared(channel);
  });
  listen(document, 'copy', () => {
    const selection = getSelection();
    // `contains(null)` is false: no selection is not in the content.
    const inContent = contentElement(document).contains(selection?.anchorNode ?? null);
    if (isShareCopy(String(selection ?? ''), location.href, inContent)) shared('copy');
  });
  const nativeShare = navigator.share;
  if (nativeShare) {
    // A completed share resolves; a cancelled or failed one rejects and counts nothing.
    navigator.share = (data) => {
      const sharing = nativeShare.call(navigator, data);
      sharing.then(
        () => shared('native'),
        () => {},
      );
      return sharing;
    };
  }
}
