import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRedis, isStandaloneUrl } from './redis.js';
import { PortcullisError } from './errors.js';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const REDIS_INSTALL_HINT =
  'Redis is required: install it (Debian: apt-get install redis-server) or set REDIS_URL to a running server';

/** True when a Redis server answers PING at `url` within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = createRedis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function onPath(command: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = spawn(command, ['--version'], { stdio: 'ignore' });
    probe.once('error', () => resolve(false));
    probe.once('exit', (code) => resolve(code === 0));
  });
}

export interface LocalRedis {
  url: string;
  /** The server this process started, if it had to start one. */
  process?: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Returns a Redis to talk to: the one at `url` if it answers, otherwise a
 * `redis-server` from PATH started on a free loopback port with no
 * persistence. Throws `redis_unavailable` with an install hint otherwise.
 */
export async function ensureRedis(url: string = DEFAULT_REDIS_URL): Promise<LocalRedis> {
  if (await redisAnswers(url)) return { url, stop: async () => undefined };
  // A cluster or a Sentinel set is the operator's to run: never replaced by a local server.
  if (!isStandaloneUrl(url))
    throw new PortcullisError(
      'redis_unavailable',
      `no Redis answers at ${url.replace(/\/\/[^@/]*@/, '//***@')}`,
    );
  if (!(await onPath('redis-server'))) {
    throw new PortcullisError('redis_unavailable', `no Redis answers at ${url}. ${REDIS_INSTALL_HINT}`);
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore', detached: false },
  );
  const localUrl = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (await redisAnswers(localUrl, 300)) {
      return {
        url: localUrl,
        process: child,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new PortcullisError(
    'redis_unavailable',
    `started redis-server on port ${port} but it never answered`,
  );
}
