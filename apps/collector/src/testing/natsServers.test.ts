/**
 * The private nats-servers themselves: a JetStream client can use one node;
 * a three-replica stream in the cluster survives a kill -9 of its leader and
 * the node rejoins; destroy() leaves no process, file or bound port behind.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { startNats, type NatsServers } from './natsServers.js';

/**
 * How long the cluster may take to elect a new stream leader: a 2.9 follower waits 4-9 s
 * (raft.go's election timeout) before it campaigns; 20 s allows for a second round.
 */
const RECOVERY_MS = 20_000;
const RETRY_MS = 250;
const PUBLISH_TIMEOUT_MS = 1_000;

const started: NatsServers[] = [];
afterAll(() => Promise.all(started.map((servers) => servers.destroy())));

async function start(nodes: 1 | 3): Promise<NatsServers> {
  const servers = await startNats({ nodes });
  started.push(servers);
  return servers;
}

/** A running node's config file, found through its process (the API keeps its files private). */
function configOf(url: string): string {
  const line = `listen: 127.0.0.1:${new URL(url).port}\n`;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    const flag = argv.indexOf('-c');
    // Only ours: the shared server's files are never read.
    const config = flag >= 0 ? argv[flag + 1] : undefined;
    if (!config?.includes('/dwell-nats-')) continue;
    if (readFileSync(config, 'utf8').includes(line)) return config;
  }
  throw new Error(`no nats-server process listens on ${url}`);
}

/** What destroy() must remove and free: the node's directory, store dir and ports. */
function filesOf(url: string) {
  const config = configOf(url);
  const text = readFileSync(config, 'utf8');
  const ports = [...text.matchAll(/127\.0\.0\.1:(\d+)/g)].map((match) => Number(match[1]));
  return { config, dir: dirname(config), store: /store_dir: "([^"]+)"/.exec(text)![1]!, ports };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function eventually<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + RECOVERY_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${String(error)}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

async function expectDestroyed(servers: NatsServers, files: ReturnType<typeof filesOf>[]) {
  await servers.destroy();
  await servers.destroy(); // twice is fine
  expect(servers.nodes.every((node) => !node.running)).toBe(true);
  for (const { config, dir, store, ports } of files) {
    expect([existsSync(dir), existsSync(config), existsSync(store)]).toEqual([false, false, false]);
    for (const port of ports) expect(await portIsFree(port), `port ${port}`).toBe(true);
  }
}

describe('startNats', () => {
  it('starts one JetStream node a client can use, and destroys it', async () => {
    const servers = await start(1);
    expect(servers.urls).toEqual([servers.nodes[0]!.url]);
    expect(servers.urls[0]).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    expect(servers.urls[0]).not.toMatch(/:4222$/);
    const files = servers.urls.map(filesOf);
    expect(files[0]!.store.startsWith(files[0]!.dir)).toBe(true);

    const nc = await connect({ servers: servers.urls });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'T', subjects: ['t.>'] });
    expect((await jetstream(nc).publish('t.1', 'x')).seq).toBe(1);
    await nc.close();

    await expectDestroyed(servers, files);
  }, 30_000);

  it('runs a three-node cluster whose R3 stream survives a kill -9 of its leader', async () => {
    const servers = await start(3);
    expect(servers.nodes.map((node) => node.name)).toEqual(['n1', 'n2', 'n3']);
    const files = servers.urls.map(filesOf);

    const nc = await connect({ servers: servers.urls });
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    await jsm.streams.add({ name: 'L', subjects: ['l.>'], num_replicas: 3 });
    await js.publish('l.1', 'before');

    // The leader, the hardest case: the stream must elect another before it takes the next message.
    const { cluster: before } = await jsm.streams.info('L');
    const victim = servers.nodes.find((node) => node.name === before?.leader) ?? servers.nodes[0]!;
    await victim.kill();
    expect(victim.running).toBe(false);
    const ack = await eventually('publish after the kill', () =>
      js.publish('l.2', 'after', { timeout: PUBLISH_TIMEOUT_MS }),
    );
    expect(ack.seq).toBe(2);

    await victim.start();
    expect(victim.running).toBe(true);
    await eventually('the restarted node is a current replica again', async () => {
      const { cluster, state } = await jsm.streams.info('L');
      const replicas = cluster?.replicas ?? [];
      expect(state.messages).toBe(2);
      expect(replicas.map((peer) => peer.name).concat(cluster!.leader!)).toContain(victim.name);
      expect(replicas.filter((peer) => peer.current)).toHaveLength(2);
    });
    await nc.close();

    await servers.nodes[1]!.kill(); // destroy() after a kill
    await expectDestroyed(servers, files);
  }, 60_000);

  it('fails with the server log when a node cannot start', async () => {
    const saved = process.env.NATS_SERVER_PATH;
    process.env.NATS_SERVER_PATH = '/bin/false';
    try {
      await expect(startNats({ nodes: 3 })).rejects.toThrow(/nats-server n\d .* exited before it was ready/);
    } finally {
      if (saved === undefined) delete process.env.NATS_SERVER_PATH;
      else process.env.NATS_SERVER_PATH = saved;
    }
  }, 30_000);
});
