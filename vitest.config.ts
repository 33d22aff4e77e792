import { defineConfig } from 'vitest/config';

// One run covers every workspace. `source` resolves the workspaces' own
// packages (`@dwell/score`, …) to their TypeScript sources, so tests need no build.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    // The tools test/setup/prerequisites.mjs made sure of, as the variables the tests read (CHROMIUM_PATH, …).
    globalSetup: ['test/setup/testEnvironment.mjs'],
    testTimeout: 20_000,
  },
});
