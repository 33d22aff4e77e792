import { describe, expect, it } from 'vitest';
import { loggedPath } from './requestLog.js';

describe('loggedPath', () => {
  it('leaves a visitor id out of the log', () => {
    expect(loggedPath('/v1/sites/demo/visitors/8d0f0a54-6c55-4f53-9a8c-2d7c1f3b1a90/score')).toBe(
      '/v1/sites/demo/visitors/:visitor/score',
    );
    expect(loggedPath('/v1/sites/demo/content')).toBe('/v1/sites/demo/content');
  });
});
