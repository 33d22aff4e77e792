/**
 * A private PostgreSQL server for a test that stops and starts it: never the
 * machine's shared one, which other tests use. `initdb` into a temporary
 * directory, `pg_ctl` on a free port with its socket in that directory; as
 * root, the binaries run as the `postgres` OS user (PostgreSQL refuses root).
 * `destroy()` stops it and removes everything, whatever state it is in.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from './freePorts.js';

/** Debian's layout: /usr/lib/postgresql/<major>/bin; the newest one wins. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(root, versions[0], 'bin');
}

export interface PrivatePostgres {
  url: string;
  /** `pg_ctl stop -m immediate`: the server dies as in a crash, connections cut. */
  crash(): void;
  start(): void;
  destroy(): void;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql/*/bin');
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'dwell-pg-'));
  const data = join(dir, 'data');
  const run = (tool: string, args: string[]) => {
    const command = root ? 'runuser' : join(bin, tool);
    const argv = root ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    execFileSync(command, argv, { stdio: 'pipe', cwd: dir });
  };
  if (root) {
    const ids = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  const [port] = (await freePorts(1)) as [number];
  const server: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash: () => run('pg_ctl', ['-D', data, 'stop', '-m', 'immediate', '-w']),
    start: () =>
      run('pg_ctl', [
        '-D',
        data,
        '-l',
        join(dir, 'server.log'),
        '-w',
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
        'start',
      ]),
    destroy() {
      try {
        if (existsSync(join(data, 'postmaster.pid'))) server.crash();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions']);
    server.start();
  } catch (error) {
    server.destroy();
    throw error;
  }
  return server;
}
