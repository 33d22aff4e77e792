/**
 * What `npm test` does about its prerequisites, decided from what the machine
 * has (`facts`, gathered by prerequisites.mjs): the tools found, the Debian
 * packages to install and the PostgreSQL clusters to start, and for anything
 * that cannot be had one line naming it and the command that would provide it.
 * Pure, so every decision is unit-tested; `facts.fixed` marks the second look,
 * after the fixes ran, when whatever is still missing is unmet.
 */
import { URL } from 'node:url';
import { TOOLS, findTool } from './findTool.mjs';

/** The local server the tests use when no variable names another (trust auth). */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** PostgreSQL's port when a URL names none. */
const DEFAULT_PORT = 5432;

/** Where the PostgreSQL tests connect: the issue's name first, the older one still honoured. */
export function testDatabaseUrl(env) {
  return env.DWELL_TEST_DATABASE_URL || env.DWELL_TEST_POSTGRES_URL || DEFAULT_TEST_DATABASE_URL;
}

/** The URL as it can be printed: never a password. */
export function redactUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an invalid URL)';
  }
}

/** True when the URL's server is this machine's, the one pg_ctlcluster can start. */
export function isLocalUrl(url) {
  try {
    return ['', 'localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

const sudo = (facts) => (facts.root ? '' : 'sudo ');

function provideTool(tool, facts) {
  const how = facts.debian ? `${sudo(facts)}apt-get install -y ${tool.debianPackage}` : tool.elsewhere;
  return tool.variable ? `${how}, or set ${tool.variable} to its path` : how;
}

function toolUnmet(tool, facts) {
  const explicit = tool.variable && facts.env[tool.variable];
  if (explicit) {
    return `npm test needs ${tool.name} for ${tool.purpose}: ${tool.variable}=${explicit} is not an executable file; point it at ${tool.name} or unset it`;
  }
  const looked = [tool.variable, ...tool.candidates].filter(Boolean).join(', ');
  return `npm test needs ${tool.name} for ${tool.purpose}: none found (looked for ${looked}); provide it with: ${provideTool(tool, facts)}`;
}

function startCommand(clusters, facts) {
  return clusters
    .map(({ version }) => `${sudo(facts)}pg_ctlcluster --skip-systemctl-redirect ${version} main start`)
    .join(' && ');
}

/** The local clusters that would serve `url`: on its host, on its port. */
function clustersFor(url, clusters) {
  if (!isLocalUrl(url)) return [];
  const port = Number(new URL(url).port || DEFAULT_PORT);
  return clusters.filter((cluster) => cluster.port === port);
}

function postgresUnmet(url, postgres, facts) {
  const local = isLocalUrl(url);
  const serving = clustersFor(url, postgres.clusters);
  let how;
  if (!postgres.down) how = 'a user and auth (trust, or a password in the URL) that let the tests in';
  else if (serving.length > 0) how = startCommand(serving, facts);
  else if (local && facts.debian && postgres.clusters.length === 0) {
    how = `${sudo(facts)}apt-get install -y postgresql, with trust auth for 127.0.0.1`;
  } else how = 'a PostgreSQL server at that address, with trust auth';
  return `npm test needs PostgreSQL at ${redactUrl(url)} (${postgres.error}); provide it with: ${how}, or set DWELL_TEST_DATABASE_URL`;
}

/** The plan for `facts`: `{ found, install, startClusters, unmet }`. */
export function prerequisitePlan(facts) {
  const plan = { found: {}, install: [], startClusters: [], unmet: [] };
  const canInstall = facts.debian && facts.root && !facts.fixed;

  for (const [key, tool] of Object.entries(TOOLS)) {
    const path = findTool(tool, facts.env, facts.executables);
    if (path) plan.found[key] = path;
    else if (canInstall && !(tool.variable && facts.env[tool.variable]))
      plan.install.push(tool.debianPackage);
    else plan.unmet.push(toolUnmet(tool, facts));
  }

  const url = testDatabaseUrl(facts.env);
  const { postgres } = facts;
  if (!postgres.reachable) {
    // Only a server that is down can be started; one that answers and refuses the login cannot be fixed here.
    const serving = postgres.down ? clustersFor(url, postgres.clusters) : [];
    if (serving.length > 0 && !facts.fixed) plan.startClusters = serving.map((cluster) => cluster.version);
    else plan.unmet.push(postgresUnmet(url, postgres, facts));
  }
  // The outage test runs a private server of its own (never the shared one) from these binaries.
  if (postgres.serverBins.length === 0) {
    plan.unmet.push(
      `npm test needs the PostgreSQL server binaries for the outage test: no initdb under /usr/lib/postgresql/*/bin; provide them with: ${facts.debian ? `${sudo(facts)}apt-get install -y postgresql` : 'install the PostgreSQL server'}`,
    );
  }
  // PostgreSQL refuses to run as root, so as root the outage test runs initdb and pg_ctl as `postgres`.
  if (facts.root && !postgres.osUser) {
    plan.unmet.push(
      'npm test needs the postgres OS user, which runs initdb and pg_ctl for the outage test when the tests run as root; provide it with: useradd --system --user-group --home-dir /var/lib/postgresql postgres',
    );
  }
  return plan;
}
