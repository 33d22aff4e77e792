import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_ORIGINS, isOriginPattern, originMatcher } from './origins.js';

describe('origin patterns', () => {
  it('match exact origins, wildcard subdomains and ports, and nothing else', () => {
    const allows = originMatcher(['https://news.example', 'https://*.blog.example', 'http://localhost:*']);
    expect(allows('https://news.example')).toBe(true);
    expect(allows('HTTPS://NEWS.EXAMPLE')).toBe(true);
    expect(allows('http://news.example')).toBe(false);
    expect(allows('https://news.example:8443')).toBe(false);
    expect(allows('https://evil-news.example')).toBe(false);
    expect(allows('https://a.blog.example')).toBe(true);
    expect(allows('https://a.b.blog.example')).toBe(true);
    expect(allows('https://blog.example')).toBe(false);
    expect(allows('https://evil.example/.blog.example')).toBe(false);
    expect(allows('http://localhost')).toBe(true);
    expect(allows('http://localhost:5173')).toBe(true);
    expect(allows('http://localhost.evil.example')).toBe(false);
    expect(allows('null')).toBe(false);
    expect(originMatcher(['*'])('https://anything.example')).toBe(true);
  });

  it('of the development site cover localhost and loopback on any port', () => {
    const allows = originMatcher(DEVELOPMENT_ORIGINS);
    for (const origin of [
      'http://localhost:8787',
      'https://localhost',
      'http://127.0.0.1:3000',
      'http://[::1]:8080',
    ]) {
      expect(allows(origin)).toBe(true);
    }
    expect(allows('http://192.168.1.2:8787')).toBe(false);
  });

  it('are validated', () => {
    for (const pattern of [
      'https://news.example',
      'http://localhost:*',
      'https://*.a.example',
      '*',
      'http://[::1]:8080',
    ]) {
      expect(isOriginPattern(pattern)).toBe(true);
    }
    for (const pattern of [
      'news.example',
      'https://news.example/',
      'ftp://x.example',
      'https://*',
      'https://a.*.example',
    ]) {
      expect(isOriginPattern(pattern)).toBe(false);
    }
  });
});
