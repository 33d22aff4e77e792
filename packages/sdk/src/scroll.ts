/** Scroll depth: the deepest fraction of the content the reader has seen. */

/** Depth is reported when it first reaches each multiple of this step. */
export const SCROLL_STEP = 0.25;

/** The element that holds the content: `<article>`, else `<main>`, else the whole document. */
export function contentElement(doc: Document): Element {
  return doc.querySelector('article') ?? doc.querySelector('main') ?? doc.documentElement;
}

/** Fraction (0–1) of `element` above the bottom of the viewport. */
export function scrollDepth(element: Element, viewportHeight: number): number {
  const box = element.getBoundingClientRect();
  if (box.height <= 0) return 1;
  return Math.min(1, Math.max(0, (viewportHeight - box.top) / box.height));
}

/** The step (0, 0.25, … 1) that a depth has reached. */
export function depthStep(depth: number): number {
  return Math.floor(depth / SCROLL_STEP) * SCROLL_STEP;
}
