/**
 * `npm test`'s first step: makes sure of what the suites need besides Node —
 * Chromium, PostgreSQL with its server binaries, nats-server, curl — before
 * anything is built. On Debian as root it installs the missing tools and
 * starts a local cluster that is down; whatever cannot be had stops the run at
 * once with one line naming it and the command that provides it. The
 * decisions are prerequisitePlan.mjs's; this file only looks and acts.
 */
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';
import { setTimeout } from 'node:timers/promises';
import { URL } from 'node:url';
import { TOOLS, toolCandidates } from './findTool.mjs';
import { executables } from './executables.mjs';
import { prerequisitePlan, redactUrl, testDatabaseUrl } from './prerequisitePlan.mjs';

// The collector's own PostgreSQL client, the one its tests connect with, wherever npm put it.
const pg = createRequire(new URL('../../apps/collector/package.json', import.meta.url))('pg');

/** How long one connection attempt may take before PostgreSQL counts as unreachable. */
const CONNECT_TIMEOUT_MS = 5_000;
/** How long a started cluster gets to accept connections. */
const START_TIMEOUT_MS = 30_000;
/** Debian's layout: the clusters' configuration, and each version's server binaries. */
const CLUSTERS_DIR = '/etc/postgresql';
const SERVERS_DIR = '/usr/lib/postgresql';

const say = (line) => console.info(`npm test: ${line}`);

function subdirs(dir, keep) {
  return existsSync(dir) ? readdirSync(dir).filter((name) => keep(`${dir}/${name}`)) : [];
}

async function connectOnce(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { reachable: true, down: false };
  } catch (error) {
    // A server that answered (a login refused, no such database) is up; anything else is nothing listening.
    const down = !(error instanceof pg.DatabaseError);
    return { reachable: false, down, error: error.message || error.code || String(error) };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Debian's clusters `main`, with the port each one's postgresql.conf sets (PostgreSQL's default else). */
function localClusters() {
  return subdirs(CLUSTERS_DIR, (dir) => existsSync(`${dir}/main/postgresql.conf`)).map((version) => {
    const conf = readFileSync(`${CLUSTERS_DIR}/${version}/main/postgresql.conf`, 'utf8');
    return { version, port: Number(/^\s*port\s*=\s*(\d+)/m.exec(conf)?.[1] ?? 5432) };
  });
}

function userExists(name) {
  return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
}

async function lookAround(fixed) {
  const env = process.env;
  return {
    env,
    executables: executables(Object.values(TOOLS).flatMap((tool) => toolCandidates(tool, env))),
    debian: existsSync('/etc/debian_version'),
    root: process.getuid?.() === 0,
    postgres: {
      ...(await connectOnce(testDatabaseUrl(env))),
      clusters: localClusters(),
      serverBins: subdirs(SERVERS_DIR, (dir) => existsSync(`${dir}/bin/initdb`)),
      osUser: userExists('postgres'),
    },
    fixed,
  };
}

/** apt-get's own error line (`E: …`), else its last line of output. */
function failureLine(result) {
  const lines = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.split('\n').filter((line) => line.trim());
  return lines.find((line) => line.startsWith('E:')) ?? lines.at(-1) ?? `exit status ${result.status}`;
}

/** apt-get update, then one install of every missing package; undefined, or the line saying what failed. */
function install(packages) {
  say(
    `installing ${packages.join(', ')} from Debian (apt-get update; apt-get install -y ${packages.join(' ')})`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...packages]]) {
    const result = spawnSync('apt-get', ['-qq', ...args], { encoding: 'utf8', env });
    if (result.status !== 0) {
      return `npm test needs ${packages.join(', ')}: apt-get ${args.join(' ')} failed (${failureLine(result)})`;
    }
  }
  return undefined;
}

async function startClusters(versions) {
  for (const version of versions) {
    say(`starting PostgreSQL ${version} (pg_ctlcluster --skip-systemctl-redirect ${version} main start)`);
    // A failure shows in the second look, which names the command to run by hand.
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'ignore' });
  }
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !(await connectOnce(testDatabaseUrl(process.env))).reachable) {
    await setTimeout(500);
  }
}

async function main() {
  let plan = prerequisitePlan(await lookAround(false));
  if (plan.unmet.length === 0 && (plan.install.length > 0 || plan.startClusters.length > 0)) {
    const failed = plan.install.length > 0 ? install(plan.install) : undefined;
    if (failed) plan.unmet.push(failed);
    else {
      if (plan.startClusters.length > 0) await startClusters(plan.startClusters);
      plan = prerequisitePlan(await lookAround(true));
    }
  }
  if (plan.unmet.length > 0) {
    for (const line of plan.unmet) console.error(line);
    process.exitCode = 1;
    return;
  }
  const { chromium, natsServer, curl } = plan.found;
  say(
    `Chromium ${chromium}, PostgreSQL at ${redactUrl(testDatabaseUrl(process.env))}, nats-server ${natsServer}, curl ${curl}`,
  );
}

await main();
