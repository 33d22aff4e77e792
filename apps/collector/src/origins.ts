/**
 * Allowed origins of a site. A pattern is an exact origin
 * (`https://news.example`), one with a wildcard subdomain
 * (`https://*.news.example`: one or more labels) or port
 * (`http://localhost:*`: any port or none), or `*` for any origin.
 */

const PATTERN =
  /^(?:\*|https?:\/\/(?:\*\.)?(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(?:\d{1,5}|\*))?)$/;

/** Whether a string is a valid origin pattern (lower case, no path). */
export function isOriginPattern(pattern: string): boolean {
  return PATTERN.test(pattern);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(pattern: string): RegExp {
  if (pattern === '*') return /^.*$/;
  let source = escape(pattern);
  source = source.replace('\\*\\.', '(?:[a-z0-9-]+\\.)+');
  source = source.replace(/:\\\*$/, '(?::\\d{1,5})?');
  return new RegExp(`^${source}$`);
}

/** A predicate that tells whether an `Origin` header value matches one of the patterns. */
export function originMatcher(patterns: readonly string[]): (origin: string) => boolean {
  const compiled = patterns.map(compile);
  return (origin) => {
    const value = origin.toLowerCase();
    return compiled.some((regex) => regex.test(value));
  };
}

/** The development site's origins: any port of localhost and the loopback addresses. */
export const DEVELOPMENT_ORIGINS = [
  'http://localhost:*',
  'https://localhost:*',
  'http://127.0.0.1:*',
  'https://127.0.0.1:*',
  'http://[::1]:*',
  'https://[::1]:*',
];
