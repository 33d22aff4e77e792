// Bundles what browsers load. `tsc -b` has already compiled every workspace
// to `dist/`, so rollup only resolves, bundles and minifies JavaScript.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { minify as swcMinify } from '@swc/core';

/**
 * Minifies each chunk with swc. As built when it replaced terser at its best settings
 * (passes 3, `inline: 1`, `hoist_funs`): dwell.js 5,707 B gzip -9 against
 * 5,842 and the ESM entry 6,028 against 6,166; the dashboard, 36,888 B, is
 * smaller too. swc keeps small functions such as the empty states rather
 * than inlining them at each call, and declares with `let`. `module` only for
 * ES output: for the IIFE it would drop the `"use strict"` rollup puts in it.
 */
function minify() {
  return {
    name: 'swc-minify',
    async renderChunk(code, _chunk, output) {
      const result = await swcMinify(code, {
        compress: { passes: 3, pure_getters: true, unsafe_arrows: true, ecma: 2020 },
        mangle: { toplevel: true },
        ecma: 2020,
        module: output.format === 'es',
      });
      return { code: result.code, map: null };
    },
  };
}

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
    output: { file: 'packages/sdk/dist/dwell.js', format: 'iife', plugins: [minify()] },
    plugins: [nodeResolve({ browser: true })],
  },
  {
    // The ESM entry bundled and minified: what a bundler ships of `@dwell/sdk`, measured by the size test.
    input: 'packages/sdk/dist/index.js',
    output: { file: 'packages/sdk/dist/dwell.esm.js', format: 'es', plugins: [minify()] },
    plugins: [nodeResolve({ browser: true })],
  },
  {
    // The editors' dashboard, served by the collector under /dashboard: one classic script (loaded with defer).
    input: 'apps/dashboard/dist/main.js',
    output: { file: 'apps/dashboard/dist/dashboard.js', format: 'iife', plugins: [minify()] },
    plugins: [nodeResolve({ browser: true }), dashboardAssets()],
  },
];
