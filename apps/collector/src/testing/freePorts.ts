/**
 * Free TCP ports on loopback for the tests' own servers: all held open at
 * once while they are found, so no port is handed out twice, and never the
 * ports of the machine's shared services, even when they happen to be free.
 */
import { createServer, type Server } from 'node:net';

/** The shared NATS server's client, route and monitoring ports, and PostgreSQL's. */
const SHARED_PORTS = new Set([4222, 6222, 8222, 5432]);

export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const server = createServer();
      servers.push(server);
      const port = await new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
      });
      if (!SHARED_PORTS.has(port)) ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
