/**
 * Private nats-server processes with JetStream for the tests of the JetStream
 * log: one node, or a three-node cluster on loopback. Never the machine's
 * shared server (port 4222, /var/lib/nats-server): every port is a free one,
 * the config files, logs and store dirs live in one temporary directory, and
 * `destroy()` stops the processes and removes it, whatever state they are in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePorts } from './freePorts.js';

/** A node is up in well under a second; a cluster's first meta leader election takes a few. */
const READY_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 100;
const PROBE_TIMEOUT_MS = 1_000;
/** How long `destroy()` waits after SIGTERM before it sends SIGKILL. */
const STOP_GRACE_MS = 2_000;
const LOG_TAIL_LINES = 30;
const STDERR_KEPT_CHARS = 4_096;
const CLUSTER_NAME = 'dwell-test';

export interface NatsNode {
  /** 'n1', 'n2', 'n3': also its `server_name`, unique as JetStream clustering requires. */
  readonly name: string;
  /** 'nats://127.0.0.1:<clientPort>' */
  readonly url: string;
  readonly running: boolean;
  /** kill -9 the process and wait for its exit. */
  kill(): Promise<void>;
  /** Start it again with the same ports, config and store dir; resolves when it is ready (JetStream enabled; for a cluster node, its routes connected). */
  start(): Promise<void>;
}

export interface NatsServers {
  readonly nodes: readonly NatsNode[];
  /** Every node's client URL, for a client's `servers` option. */
  readonly urls: string[];
  /** Stops every process (SIGKILL if needed) and removes the store dirs and config files. */
  destroy(): Promise<void>;
}

/** Children still alive when the test process exits (a crash, a forgotten destroy()) die with it. */
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

type Ports = { client: number; http: number; cluster: number };

/** What the monitoring endpoints answer, as far as readiness needs it. */
type Monitor = { status?: string; error?: string; num_routes?: number };

class PrivateNode implements NatsNode {
  readonly url: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stderr = '';

  constructor(
    readonly name: string,
    private readonly ports: Ports,
    private readonly config: string,
    private readonly log: string,
    private readonly cluster: readonly PrivateNode[],
  ) {
    this.url = `nats://127.0.0.1:${ports.client}`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    this.spawn();
    await this.waitReady();
  }

  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL if it lingers: destroy() removes the store either way. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  spawn(): void {
    if (this.child) throw new Error(`nats-server ${this.name} is already running`);
    const binary = process.env.NATS_SERVER_PATH ?? '/usr/sbin/nats-server';
    // Its log goes to the file; stderr only has what comes before (a bad config, a missing binary).
    const child = spawn(binary, ['-c', this.config, '-l', this.log], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.stderr = '';
    child.stderr?.on('data', (chunk) => (this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT_CHARS)));
    this.child = child;
    live.add(child);
    this.exited = new Promise((resolve) => {
      const gone = (error?: Error) => {
        if (error) this.stderr += `\n${error.message}`;
        live.delete(child);
        if (this.child === child) this.child = undefined;
        resolve();
      };
      child.once('exit', () => gone());
      child.once('error', gone); // spawn failed: no 'exit' follows
    });
  }

  /** Polls until ready; on a timeout it kills the process, so no half-started node is left. */
  async waitReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let reason = 'no answer';
    while (Date.now() < deadline) {
      if (!this.child) throw this.failure('exited before it was ready');
      // fetch's own message is just 'fetch failed'; its cause says why (ECONNREFUSED, …).
      const notReady = await this.probe().catch((error: Error) => String(error.cause ?? error.message));
      if (notReady === undefined) return;
      reason = notReady;
      await sleep(POLL_INTERVAL_MS);
    }
    await this.kill();
    throw this.failure(`was not ready within ${READY_TIMEOUT_MS} ms (${reason}); killed it`);
  }

  /** Why it is not ready yet, or undefined once it is. */
  private async probe(): Promise<string | undefined> {
    const peers = this.cluster.filter((node) => node !== this && node.running).length;
    // js-server-only waits for contact with a meta leader, not for every stream and consumer to be
    // current: a node restarted under load catches up in its own time, as in production (plain
    // /healthz waited for that, over 15 s once). Alone, a cluster node has no quorum: JetStream enabled.
    const alone = this.cluster.length > 1 && peers === 0;
    const health = await this.monitor(alone ? 'healthz?js-enabled-only=true' : 'healthz?js-server-only=true');
    if (health.status !== 'ok') return health.error ?? JSON.stringify(health);
    if (peers === 0) return undefined;
    const routes = (await this.monitor('routez')).num_routes ?? 0;
    return routes >= peers ? undefined : `${routes} of ${peers} routes connected`;
  }

  private async monitor(path: string): Promise<Monitor> {
    const response = await fetch(`http://127.0.0.1:${this.ports.http}/${path}`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return (await response.json()) as Monitor;
  }

  private failure(why: string): Error {
    const log = existsSync(this.log) ? readFileSync(this.log, 'utf8') : '';
    const tail = `${log}${this.stderr}`.trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
    return new Error(`nats-server ${this.name} (${this.url}) ${why}; its log ends:\n${tail}`);
  }
}

function configText(name: string, ports: Ports, store: string, routes: number[] | undefined): string {
  const lines = [
    `server_name: ${name}`,
    `listen: 127.0.0.1:${ports.client}`,
    `http: 127.0.0.1:${ports.http}`,
    `jetstream { store_dir: ${JSON.stringify(store)} }`,
  ];
  if (routes) {
    const urls = routes.map((port) => `nats-route://127.0.0.1:${port}`).join(', ');
    lines.push(`cluster { name: ${CLUSTER_NAME}, listen: 127.0.0.1:${ports.cluster}, routes = [${urls}] }`);
  }
  return `${lines.join('\n')}\n`;
}

/** One JetStream node, or a cluster of three (`nodes: 3`) whose streams can have three replicas. */
export async function startNats(options: { nodes?: 1 | 3 } = {}): Promise<NatsServers> {
  const count = options.nodes ?? 1;
  const dir = mkdtempSync(join(tmpdir(), 'dwell-nats-'));
  const nodes: PrivateNode[] = [];
  const servers: NatsServers = {
    nodes,
    urls: [],
    async destroy() {
      try {
        await Promise.all(nodes.map((node) => node.stop()));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    const free = await freePorts(count * 3);
    const ports = Array.from({ length: count }, (_, i): Ports => {
      const [client, http, cluster] = free.slice(i * 3, i * 3 + 3) as [number, number, number];
      return { client, http, cluster };
    });
    for (const [i, own] of ports.entries()) {
      const name = `n${i + 1}`;
      const routes = count > 1 ? ports.filter((other) => other !== own).map((p) => p.cluster) : undefined;
      const config = join(dir, `${name}.conf`);
      writeFileSync(config, configText(name, own, join(dir, name), routes));
      nodes.push(new PrivateNode(name, own, config, join(dir, `${name}.log`), nodes));
      servers.urls.push(nodes[i]!.url);
    }
    // All at once: a cluster node is only ready once its peers are up too.
    nodes.forEach((node) => node.spawn());
    await Promise.all(nodes.map((node) => node.waitReady()));
  } catch (error) {
    await servers.destroy();
    throw error;
  }
  return servers;
}
