/** What the page says about itself: its content id and metadata. */

/** A meta tag's content, within the length the collector accepts for metadata. */
function meta(doc: Document, selector: string): string | undefined {
  return doc.querySelector<HTMLMetaElement>(`meta[${selector}]`)?.content.slice(0, 256) || undefined;
}

/**
 * The content id of the page: its canonical URL's path, else the location's
 * path, with the hash when hash routing is opted in.
 */
export function pageContent(doc: Document, hashRouting: boolean): string {
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href;
  let path = doc.location.pathname;
  try {
    if (canonical) path = new URL(canonical).pathname;
  } catch {
    // An unparsable canonical link is ignored.
  }
  return hashRouting ? path + doc.location.hash : path;
}

/**
 * What a view carries: title, section, author, URL and referrer, cut to the
 * lengths the collector accepts (a longer one would cost the whole view).
 */
export function pageMeta(doc: Document): Record<string, string | undefined> {
  return {
    title: (meta(doc, 'property="og:title"') ?? doc.title).slice(0, 1024),
    section: meta(doc, 'property="article:section"'),
    author: meta(doc, 'property="article:author"') ?? meta(doc, 'name="author"'),
    url: doc.location.href.slice(0, 4096),
    referrer: doc.referrer.slice(0, 4096),
  };
}
