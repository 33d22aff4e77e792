// Bundles what browsers load. `tsc -b` has already compiled every workspace
// to `dist/`, so rollup only resolves, bundles and minifies JavaScript.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const minify = terser({
  ecma: 2020,
  module: true,
  // `inline: 1` (inline only simple functions) and `hoist_funs` (function declarations first)
  // are safe for any code, and each takes about 20 B off dwell.js gzipped.
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true, inline: 1, hoist_funs: true },
  format: { comments: false },
});

// Paths are relative to the repository root, where `rollup -c` runs, like the inputs below.
const dashboardRequire = createRequire(resolve('apps/dashboard/package.json'));

/**
 * The dashboard's page and stylesheet beside its script: `index.html` as
 * written, and one `dashboard.css` of uPlot's styles followed by ours.
 */
function dashboardAssets() {
  const source = (path) => readFileSync(path, 'utf8');
  return {
    name: 'dashboard-assets',
    generateBundle() {
      const uplotCss = readFileSync(dashboardRequire.resolve('uplot/dist/uPlot.min.css'), 'utf8');
      const css = `${uplotCss}\n${source('apps/dashboard/src/dashboard.css')}`;
      this.emitFile({ type: 'asset', fileName: 'dashboard.css', source: css });
      this.emitFile({
        type: 'asset',
        fileName: 'index.html',
        source: source('apps/dashboard/src/index.html'),
      });
    },
  };
}

export default [
  {
    // The script tag build: one self-contained file, served by the collector as /dwell.js.
    input: 'packages/sdk/dist/script.js',
    output: { file: 'packages/sdk/dist/dwell.js', format: 'iife', plugins: [minify] },
    plugins: [nodeResolve({ browser: true })],
  },
  {
    // The ESM entry bundled and minified: what a bundler ships of `@dwell/sdk`, measured by the size test.
    input: 'packages/sdk/dist/index.js',
    output: { file: 'packages/sdk/dist/dwell.esm.js', format: 'es', plugins: [minify] },
    plugins: [nodeResolve({ browser: true })],
  },
  {
    // The editors' dashboard, served by the collector under /dashboard: one classic script (loaded with defer).
    input: 'apps/dashboard/dist/main.js',
    output: { file: 'apps/dashboard/dist/dashboard.js', format: 'iife', plugins: [minify] },
    plugins: [nodeResolve({ browser: true }), dashboardAssets()],
  },
];
