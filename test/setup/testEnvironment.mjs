/**
 * vitest's global setup: hands the tests the tools prerequisites.mjs made sure
 * of, through the variables they read (`CHROMIUM_PATH` in test/e2e/browser.ts,
 * `NATS_SERVER_PATH`), found the same way, so a Chromium on PATH is the one
 * the browser tests launch. It runs before any test file starts, and the
 * workers inherit the environment.
 */
import process from 'node:process';
import { TOOLS, findTool, toolCandidates } from './findTool.mjs';
import { executables } from './executables.mjs';

export default function setup() {
  for (const tool of Object.values(TOOLS)) {
    if (!tool.variable) continue;
    const path = findTool(tool, process.env, executables(toolCandidates(tool, process.env)));
    if (path) process.env[tool.variable] = path;
  }
}
