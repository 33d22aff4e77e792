/** The warnings' codes: each one the SDK uses has its row in the README's table. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { failed, guard, warn } from './guard.js';

const source = (file: string): string => readFileSync(new URL(file, import.meta.url), 'utf8');

describe('warnings', () => {
  it('go to the console as dwell: W<code> and what they are about', () => {
    const console = vi.spyOn(globalThis.console, 'warn').mockImplementation(() => {});
    warn(3, 'http://[x');
    failed('boom');
    guard(() => {
      throw new Error('inside');
    })();
    expect(console.mock.calls).toEqual([
      ['dwell: W3', 'http://[x'],
      ['dwell: W11', 'boom'],
      ['dwell: W11', new Error('inside')],
    ]);
    console.mockRestore();
  });

  it('each have a row in the README, saying what they mean and what to do', () => {
    const codes = new Set<string>(['11']);
    for (const file of readdirSync(new URL('.', import.meta.url))) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      for (const [, code] of source(file).matchAll(/\bwarn\((\d+)/g)) codes.add(code!);
    }
    expect(codes.size).toBeGreaterThanOrEqual(11);
    const readme = source('../../../README.md');
    for (const code of codes) expect(readme).toMatch(new RegExp(`^\\| \`W${code}\` +\\| \\S`, 'm'));
  });
});
