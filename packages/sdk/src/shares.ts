/** Recognising shares: share buttons, links to share endpoints, copies of the page, native shares. */
import { listen } from './guard.js';
import { contentElement } from './scroll.js';

/**
 * Links to the share endpoints of well-known networks (X/Twitter intents, the
 * Facebook sharer, LinkedIn, WhatsApp, Reddit, Telegram) and mailto. The
 * first group names the network by its domain.
 */
export const SHARE_LINK =
  /^(?:mailto:|https?:\/\/(?:www\.|m\.|api\.)?(?:(twitter|x)\.com\/(?:intent|share)|(facebook)\.com\/(?:sharer|dialog\/share)|(linkedin)\.com\/(?:sharing|shareArticle)|(wa)\.me\/|(whatsapp)\.com\/send|(reddit)\.com\/submit|(t)\.me\/share))/i;

/** Channel names for the domains of `SHARE_LINK` whose name is not the network's. */
const CHANNELS: Record<string, string> = { twitter: 'x', wa: 'whatsapp', t: 'telegram' };

/** The share channel of a click target, if it is a share button or a share link. */
export function shareChannelOf(target: EventTarget | null): string | undefined {
  const element = target instanceof Element ? target.closest('[data-dwell-share],a[href]') : null;
  const channel = element?.getAttribute('data-dwell-share');
  if (channel != null) return channel || 'button';
  const match = SHARE_LINK.exec((element as HTMLAnchorElement | null)?.href ?? '');
  if (!match) return;
  const domain = match.slice(1).find(Boolean)?.toLowerCase();
  return domain ? (CHANNELS[domain] ?? domain) : 'email';
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
    const inContent = !!selection?.anchorNode && contentElement(document).contains(selection.anchorNode);
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
