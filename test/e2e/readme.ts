/**
 * The README as a reader follows it: a section's text, its fenced code
 * blocks, and the shell commands in those blocks, so that a test can run what
 * the README says and fail when it stops working.
 */
import { readFileSync } from 'node:fs';

export const README_PATH = new URL('../../README.md', import.meta.url);

export interface CodeBlock {
  /** The fence's info string: `sh`, `js`, … */
  lang: string;
  code: string;
}

/** A fenced block: its language and body, the fence indented as in a list item. */
const FENCE = /^( *)```(\w*)\n([\s\S]*?)^\1```$/gm;

/** The text of the `## title` section, up to the next `## ` heading. */
export function readmeSection(title: string, readme = readFileSync(README_PATH, 'utf8')): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no section "## ${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

export function codeBlocks(markdown: string): CodeBlock[] {
  return [...markdown.matchAll(FENCE)].map(([, indent = '', lang = '', body = '']) => ({
    lang,
    // A block inside a list item is indented; the code is not.
    code: body.replace(new RegExp(`^${indent}`, 'gm'), ''),
  }));
}

/** The text outside the code blocks: what a reader is told to do. */
export function prose(markdown: string): string {
  return markdown.replace(FENCE, '');
}

/** The commands of a shell block: a line each, continuations joined, comments and blank lines left out. */
export function shellCommands(code: string): string[] {
  return code
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line && !line.startsWith('#'));
}
