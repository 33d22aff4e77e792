// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { pageContent, pageMeta } from './page.js';
import { contentElement, depthStep, scrollDepth } from './scroll.js';

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
});

describe('pageContent', () => {
  it('is the canonical URL path when there is one, else the location path', () => {
    history.replaceState(null, '', '/a/1?utm_source=x#top');
    expect(pageContent(document, false)).toBe('/a/1');
    document.head.innerHTML = '<link rel="canonical" href="https://news.example/articles/one">';
    expect(pageContent(document, false)).toBe('/articles/one');
  });

  it('adds the hash when hash routing is on', () => {
    history.replaceState(null, '', '/app#/inbox');
    expect(pageContent(document, true)).toBe('/app#/inbox');
  });
});

describe('pageMeta', () => {
  it('prefers og:title and reads section and author', () => {
    document.head.innerHTML = `<title>Site | Story</title><meta property="og:title" content="Story">
      <meta property="article:section" content="Politics"><meta name="author" content="Ada">`;
    expect(pageMeta(document)).toMatchObject({
      title: 'Story',
      section: 'Politics',
      author: 'Ada',
      url: location.href,
    });
  });

  it('falls back to the document title', () => {
    document.title = 'Plain';
    expect(pageMeta(document)).toMatchObject({ title: 'Plain', section: undefined, author: undefined });
  });

  it('cuts metadata to the lengths the collector accepts', () => {
    document.title = 'T'.repeat(5000);
    document.head.insertAdjacentHTML(
      'beforeend',
      `<meta property="article:section" content="${'S'.repeat(300)}">`,
    );
    const { title, section } = pageMeta(document);
    expect([title?.length, section?.length]).toEqual([1024, 256]);
  });
});

describe('scroll depth', () => {
  it('measures the article when there is one, else main, else the document', () => {
    document.body.innerHTML = '<main><article id="a"></article></main>';
    expect(contentElement(document).id).toBe('a');
    document.body.innerHTML = '<main id="m"></main>';
    expect(contentElement(document).id).toBe('m');
    document.body.innerHTML = '<div></div>';
    expect(contentElement(document)).toBe(document.documentElement);
  });

  it('is the fraction of the element above the bottom of the viewport', () => {
    const element = { getBoundingClientRect: () => ({ top: -200, height: 1000 }) } as Element;
    expect(scrollDepth(element, 600)).toBe(0.8);
    const below = { getBoundingClientRect: () => ({ top: 700, height: 1000 }) } as Element;
    expect(scrollDepth(below, 600)).toBe(0);
  });

  it('steps at 25%, 50%, 75% and 100% exactly', () => {
    expect([0.2499, 0.25, 0.5, 0.7499, 0.75, 0.99, 1].map(depthStep)).toEqual([
      0, 0.25, 0.5, 0.5, 0.75, 0.75, 1,
    ]);
  });
});
