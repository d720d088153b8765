import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

const SLOTS = 16384;

/** Whether `port` can be listened on right now (on 127.0.0.1). */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (+10000) is free too. */
async function freeNodePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port: chosen } = server.address() as { port: number };
        server.close(() => resolve(chosen));
      });
    });
    if (port + 10_000 <= 65_535 && (await canListen(port + 10_000))) return port;
  }
}

interface Node {
  port: number;
  child: ChildProcess;
  exited: Promise<void>;
}

/** Starts one cluster-enabled redis-server; resolves once it says it is ready, rejects if it exits first. */
async function startNode(dir: string, port: number): Promise<Node> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      `nodes-${port}.conf`,
      '--cluster-node-timeout',
      '5000',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<boolean>((resolve) => {
    let log = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) resolve(true);
    });
    child.once('exit', () => resolve(false));
  });
  child.stdout!.resume();
  if (!ready) throw new Error(`redis-server (cluster node) on port ${port} did not start`);
  return { port, child, exited };
}

/**
 * A Redis Cluster of `size` masters on loopback, each a redis-server of the
 * test's own (no persistence): slots split evenly (CLUSTER ADDSLOTSRANGE),
 * nodes introduced (CLUSTER MEET), ready once every node reports
 * `cluster_state:ok` and knows all the others.
 */
export class RedisCluster {
  private constructor(
    private readonly nodes: Node[],
    private readonly dir: string,
  ) {}

  static async start(size = 3): Promise<RedisCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'pc-redis-cluster-'));
    const nodes: Node[] = [];
    try {
      for (let i = 0; i < size; i++) {
        // The port is free when chosen but may be taken before redis-server binds it: try another.
        for (let attempt = 1; ; attempt++) {
          try {
            nodes.push(await startNode(dir, await freeNodePort()));
            break;
          } catch (err) {
            if (attempt >= 5) throw err;
          }
        }
      }
      const cluster = new RedisCluster(nodes, dir);
      await cluster.form();
      return cluster;
    } catch (err) {
      for (const node of nodes) node.child.kill('SIGKILL');
      await Promise.all(nodes.map((n) => n.exited));
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** The URL Portcullis takes: `redis-cluster://host:port,host:port,...`. */
  get url(): string {
    return `redis-cluster://${this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`;
  }

  get ports(): number[] {
    return this.nodes.map((n) => n.port);
  }

  private async form(): Promise<void> {
    const clients = this.nodes.map((n) => new Redis(n.port, '127.0.0.1', { maxRetriesPerRequest: 1 }));
    try {
      const share = Math.floor(SLOTS / clients.length);
      await Promise.all(
        clients.map((client, i) => {
          const first = i * share;
          const last = i === clients.length - 1 ? SLOTS - 1 : first + share - 1;
          return client.call('CLUSTER', 'ADDSLOTSRANGE', first, last);
        }),
      );
      for (const node of this.nodes.slice(1))
        await clients[0].call('CLUSTER', 'MEET', '127.0.0.1', node.port);
      // Gossip takes a few rounds (100 ms each): wait for every node to see the whole, healthy cluster.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const states = await Promise.all(
          clients.map(async (client) => {
            const info = String(await client.call('CLUSTER', 'INFO'));
            return (
              info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${clients.length}`)
            );
          }),
        );
        if (states.every(Boolean)) return;
        if (Date.now() > deadline) throw new Error('the test Redis Cluster did not form within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      for (const client of clients) client.disconnect();
    }
  }

  /** The port of the node serving `key`'s slot. */
  async nodeOf(key: string): Promise<number> {
    const client = new Redis(this.nodes[0].port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    try {
      const slot = Number(await client.call('CLUSTER', 'KEYSLOT', key));
      const slots = (await client.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
      const owner = slots.find(([from, to]) => slot >= from && slot <= to);
      if (!owner) throw new Error(`no node serves slot ${slot}`);
      return owner[2][1];
    } finally {
      client.disconnect();
    }
  }

  async stop(): Promise<void> {
    for (const node of this.nodes) node.child.kill('SIGKILL');
    await Promise.all(this.nodes.map((n) => n.exited));
    await rm(this.dir, { recursive: true, force: true });
  }
}
