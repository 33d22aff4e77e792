import { describe, expect, it } from 'vitest';
import { eventId, uuid } from './uuid.js';

describe('uuid', () => {
  it('makes distinct RFC 4122 version 4 UUIDs', () => {
    const ids = Array.from({ length: 1000 }, uuid);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(1000);
  });
});

describe('eventId', () => {
  const TIME = Date.UTC(2026, 10, 22, 12); // 0x1a20320a200

  it('makes distinct RFC 9562 version 7 UUIDs that start with the time in ms', () => {
    const ids = Array.from({ length: 1000 }, () => eventId(TIME));
    for (const id of ids) expect(id).toMatch(/^01a20320-a200-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(1000);
  });

  it('sorts by time, as text, from the epoch to the year 10889', () => {
    expect(eventId(0)).toMatch(/^00000000-0000-7/);
    expect(eventId(2 ** 48 - 1)).toMatch(/^ffffffff-ffff-7/);
    const times = [0, 1, 255, 256, TIME - 1, TIME, TIME + 1, 2 ** 48 - 1];
    const ids = times.map(eventId);
    expect([...ids].sort()).toEqual(ids);
  });
});
