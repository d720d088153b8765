import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { loadConfig } from '../../services/common/config.js';
import { createLogger } from '../../services/common/logger.js';
import { applyPortOptions, explainStackPortConflict } from '../../services/cli/ports.js';
import { keyToHash, newApiKey } from '../../services/cli/commands/keys.js';
import { startStack } from '../../services/cli/stack.js';
import { hashApiKey } from '../../services/proxy/index.js';
import { startWatched } from '../support/child-process.js';
import { testDataDir } from '../support/data-dir.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';

/**
 * Runs the built command line (npm test builds dist/ first) with this file's
 * audit data folder and the Redis prefix given, never the defaults another
 * test file running at the same time may use too.
 */
function portcullis(args: string[], input?: string, prefix = uniquePrefix('operations')) {
  const result = spawnSync(process.execPath, ['bin/portcullis.js', ...args], {
    encoding: 'utf8',
    input,
    // A hang guard: `workers` opens its embedded audit store before it listens, and a first start
    // creates it (9 s of CPU; 117 s on a 2-core machine at load 20).
    timeout: 300_000,
    env: { ...process.env, PORTCULLIS_REDIS_PREFIX: prefix },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A port something already listens on. */
async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, server };
}

describe('portcullis keys', () => {
  it('hash prints the SHA-256 the config stores, from an argument or stdin', () => {
    const expected = createHash('sha256').update('pc_example-key').digest('hex');
    expect(portcullis(['keys', 'hash', 'pc_example-key'])).toEqual({
      code: 0,
      stdout: `${expected}\n`,
      stderr: '',
    });
    expect(portcullis(['keys', 'hash'], 'pc_example-key\n').stdout).toBe(`${expected}\n`);
    const empty = portcullis(['keys', 'hash'], '');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^portcullis: invalid_argument: keys hash: no key given/);
  });

  it('new prints a fresh key, its hash and the portcullis.yaml entry that accepts it', () => {
    const run = portcullis([
      'keys',
      'new',
      '--id',
      'ci',
      '--subject',
      'ci-bot',
      '--group',
      'ci',
      'deployers',
    ]);
    expect(run.code).toBe(0);
    const key = /^key: +(pc_[A-Za-z0-9_-]{43})$/m.exec(run.stdout)![1];
    const sha = /^sha256: +([0-9a-f]{64})$/m.exec(run.stdout)![1];
    expect(sha).toBe(hashApiKey(key));
    expect(run.stdout).toContain(
      `      - id: ci\n        sha256: ${sha}\n        subject: ci-bot\n        groups: [ci, deployers]\n`,
    );
    expect(portcullis(['keys', 'new']).stdout).not.toContain(key);
  });

  it('refuses keys that a caller could not send as given', () => {
    expect(() => keyToHash(' padded', () => '')).toThrow(/whitespace/);
    expect(keyToHash(undefined, () => 'k\r\n')).toBe('k');
    expect(newApiKey()).not.toBe(newApiKey());
  });
});

describe('ports', () => {
  it('start --proxy-port and friends override the config; a bad value names its option', () => {
    const config = applyPortOptions(loadConfig({ env: {} }), { proxyPort: '9090', demoPort: '0' });
    expect([config.proxy.port, config.demo.port, config.decision.port, config.workers.port]).toEqual([
      9090, 0, 8181, 8282,
    ]);
    expect(() => applyPortOptions(loadConfig({ env: {} }), { workersPort: 'http' })).toThrow(
      /--workers-port: "http" is not a port number/,
    );
    expect(portcullis(['start', '--help']).stdout).toMatch(/--proxy-port <n>[\s\S]*--demo-port <n>/);
  });

  it('start names the service whose port is taken and how to move it', async () => {
    const taken = await occupiedPort();
    const prefix = uniquePrefix('operations-start');
    const config = loadConfig({
      env: {
        REDIS_URL: testRedisUrl(),
        PORTCULLIS_REDIS_PREFIX: prefix,
        PORTCULLIS_DATA_DIR: testDataDir(),
        PORTCULLIS_DEMO_PORT: '0',
        PORTCULLIS_DECISION_PORT: String(taken.port),
        PORTCULLIS_PROXY_PORT: '0',
        PORTCULLIS_WORKERS_PORT: '0',
      },
    });
    try {
      const failure = await startStack(config, createLogger({ level: 'silent' })).then(
        (stack) => stack.close().then(() => new Error('started')),
        (err: unknown) => explainStackPortConflict(err, config) as Error,
      );
      expect(failure).toMatchObject({ code: 'address_in_use' });
      expect(failure.message).toBe(
        `decision service: 127.0.0.1:${taken.port} is already in use; choose another port with --decision-port, ` +
          'decision.port in portcullis.yaml or PORTCULLIS_DECISION_PORT (0 picks a free one)',
      );
    } finally {
      taken.server.close();
      await deleteKeys(prefix);
    }
  });

  it('a single service names itself and its config key', async () => {
    const taken = await occupiedPort();
    const prefix = uniquePrefix('operations-workers');
    try {
      const run = portcullis(['workers', '--port', String(taken.port)], undefined, prefix);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `portcullis: address_in_use: workers: 127.0.0.1:${taken.port} is already in use; choose another port ` +
          'with --port or workers.port in portcullis.yaml (0 picks a free one)\n',
      );
    } finally {
      taken.server.close();
      await deleteKeys(prefix);
    }
  }, 360_000);
});

describe('portcullis demo-upstream', () => {
  it('prints its credential, answers with it and says how to get it when refused', async () => {
    const run = startWatched(process.execPath, ['bin/portcullis.js', 'demo-upstream', '--port', '0'], {
      env: { ...process.env, PORTCULLIS_DEMO_UPSTREAM_TOKEN: '' },
    });
    try {
      const [, url] = await run.waitFor(/demo upstream listening on (http:\/\/\S+)/);
      const [, token] = await run.waitFor(/^ {2}Authorization: Bearer (\S+)$/m);
      expect(token).toBe('demo-upstream-secret');
      expect(run.output()).toContain('PORTCULLIS_DEMO_UPSTREAM_TOKEN');
      const refused = await fetch(`${url}/customers`);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { message: string }).message).toMatch(
        /Authorization: Bearer <token>.*PORTCULLIS_DEMO_UPSTREAM_TOKEN.*portcullis demo-upstream/,
      );
      const answered = await fetch(`${url}/customers`, { headers: { authorization: `Bearer ${token}` } });
      expect(answered.status).toBe(200);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });
});
