/**
 * The only way the dashboard builds DOM. Everything it shows from events —
 * titles, sections, authors, URLs — is attacker-controlled, so text goes in
 * as text nodes (never HTML), attributes through `setAttribute`, and a link's
 * target only when it is an `http:` or `https:` URL.
 */
export type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/** An element with attributes (`on…` keys are listeners) and children as nodes or text. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'href') throw new Error('use link() for links');
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** The URL when it is absolute `http:`/`https:`, else `null` (`javascript:`, `data:`, relative, garbage). */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link to an external page, or plain text when the URL is not safe to link. */
export function externalLink(url: string | null | undefined, text: string, props: Props = {}): HTMLElement {
  const href = safeUrl(url);
  if (!href) return h('span', props, text);
  const anchor = h('a', { ...props, rel: 'noopener noreferrer nofollow', target: '_blank' }, text);
  anchor.href = href;
  return anchor;
}

/** A link inside the dashboard (a hash route). */
export function routeLink(hash: string, text: string, props: Props = {}): HTMLAnchorElement {
  const anchor = h('a', props, text);
  anchor.href = hash;
  return anchor;
}
