/** What the page says about itself: its content id and metadata. */

function meta(doc: Document, selector: string): string | undefined {
  return doc.querySelector<HTMLMetaElement>(`meta[${selector}]`)?.content || undefined;
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

/** Title, section and author, as sent with a view. */
export function pageMeta(doc: Document): { title: string; section?: string; author?: string } {
  return {
    title: meta(doc, 'property="og:title"') ?? doc.title,
    section: meta(doc, 'property="article:section"'),
    author: meta(doc, 'property="article:author"') ?? meta(doc, 'name="author"'),
  };
}
