import { defineConfig } from 'vitest/config';

// One run covers every workspace. `source` resolves the workspaces' own
// packages (`@dwell/score`, …) to their TypeScript sources, so tests need no build.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
