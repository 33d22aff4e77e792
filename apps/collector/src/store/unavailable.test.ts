import { describe, expect, it } from 'vitest';
import { isUnavailableError } from './unavailable.js';

const withCode = (code: string) => Object.assign(new Error('failed'), { code });

describe('isUnavailableError', () => {
  it('takes a connection that could not be had or broke for an outage', () => {
    expect(isUnavailableError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailableError(withCode('ECONNREFUSED'))).toBe(true);
    expect(isUnavailableError(withCode('08006'))).toBe(true);
    expect(isUnavailableError(withCode('57P01'))).toBe(true);
  });

  it('takes anything else for a bug', () => {
    expect(isUnavailableError(withCode('23505'))).toBe(false);
    expect(isUnavailableError(withCode('57P04'))).toBe(false);
    // A client's upload broken off: its read fails with this, and it is no outage.
    expect(isUnavailableError(withCode('ECONNRESET'))).toBe(false);
    expect(isUnavailableError(new TypeError('x is undefined'))).toBe(false);
    expect(isUnavailableError('ECONNREFUSED')).toBe(false);
  });
});
