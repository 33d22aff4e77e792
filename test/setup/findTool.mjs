/**
 * The programs the tests run besides Node, and where each is looked for: its
 * variable when set (then nothing else: an explicit choice is never second-
 * guessed), else its candidates in order, a path as it is and a bare name in
 * each directory of PATH, as a shell would. Pure: the caller says which paths
 * are executable files.
 */

/** Chromium for the browser tests, driven by playwright-core: never a downloaded browser. */
export const CHROMIUM = {
  name: 'Chromium',
  purpose: 'the browser tests',
  variable: 'CHROMIUM_PATH',
  candidates: ['/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome'],
  debianPackage: 'chromium',
  elsewhere: 'install Chromium or Google Chrome',
};

/** nats-server for the JetStream tests; Debian puts it in /usr/sbin, off a non-root PATH. */
export const NATS_SERVER = {
  name: 'nats-server',
  purpose: 'the JetStream tests',
  variable: 'NATS_SERVER_PATH',
  candidates: ['nats-server', '/usr/sbin/nats-server'],
  debianPackage: 'nats-server',
  elsewhere: 'install nats-server (https://docs.nats.io)',
};

/** curl: the quick-start test runs the README's commands as a reader pastes them. */
export const CURL = {
  name: 'curl',
  purpose: "the quick-start test, which runs the README's curl commands",
  variable: undefined,
  candidates: ['curl'],
  debianPackage: 'curl',
  elsewhere: 'install curl',
};

/** Every tool `npm test` makes sure of, by the key its path is reported under. */
export const TOOLS = { chromium: CHROMIUM, natsServer: NATS_SERVER, curl: CURL };

/** The paths to try for `tool`, first choice first, without repeats. */
export function toolCandidates(tool, env) {
  const explicit = tool.variable ? env[tool.variable] : undefined;
  if (explicit) return [explicit];
  const dirs = (env.PATH ?? '').split(':').filter(Boolean);
  const paths = tool.candidates.flatMap((candidate) =>
    candidate.includes('/') ? [candidate] : dirs.map((dir) => `${dir.replace(/\/+$/, '')}/${candidate}`),
  );
  return [...new Set(paths)];
}

/** The first candidate of `tool` among `executables` (a set of paths), or undefined. */
export function findTool(tool, env, executables) {
  return toolCandidates(tool, env).find((path) => executables.has(path));
}
