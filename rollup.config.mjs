// Bundles what browsers load. `tsc -b` has already compiled every workspace
// to `dist/`, so rollup only resolves, bundles and minifies JavaScript.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const minify = terser({
  ecma: 2020,
  module: true,
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
  format: { comments: false },
});

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
];
