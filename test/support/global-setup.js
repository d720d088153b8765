// Plain JS: Jest loads global setup outside its ES module transform.
// Makes sure a real Redis answers for the tests: REDIS_URL (default
// redis://127.0.0.1:6379), or a redis-server from PATH started on a free
// loopback port with no persistence, stopped again by global-teardown.js.
// Also makes the run's scratch folder (PORTCULLIS_TEST_TMP), where
// per-file-env.js gives every jest worker its own data folder; the teardown
// removes it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function ping(url, timeoutMs = 1000) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) =>
      done(chunk.toString().startsWith('+PONG') || chunk.toString().includes('NOAUTH')),
    );
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** A run stopped before its teardown (a timeout, ^C) leaves its folder: removed once its jest is gone. */
function removeAbandonedScratch() {
  for (const name of readdirSync(tmpdir())) {
    const owner = /^portcullis-test-(\d+)-/.exec(name);
    if (owner && !alive(Number(owner[1]))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

export default async function globalSetup() {
  removeAbandonedScratch();
  process.env.PORTCULLIS_TEST_TMP = mkdtempSync(join(tmpdir(), `portcullis-test-${process.pid}-`));
  const wanted = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await ping(wanted)) {
    process.env.REDIS_URL = wanted;
    return;
  }
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      `No Redis answers at ${wanted} and redis-server is not on PATH: install it (apt-get install redis-server) or set REDIS_URL`,
    );
  }
  // The free port is closed before redis-server binds it, so another process may take it in
  // between: redis-server then exits at once, and a fresh port is tried. Ready is its own
  // "Ready to accept connections" line, not a guess at how long it takes to start.
  for (let attempt = 1; attempt <= 5; attempt++) {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const ready = await new Promise((resolve) => {
      let log = '';
      child.stdout.on('data', (chunk) => {
        log += chunk.toString();
        if (log.includes('Ready to accept connections')) resolve(true);
      });
      child.once('exit', () => resolve(false));
    });
    child.stdout.resume();
    const url = `redis://127.0.0.1:${port}`;
    if (ready && (await ping(url, 5000))) {
      process.env.REDIS_URL = url;
      globalThis.__portcullisRedisProcess = child;
      return;
    }
    child.kill('SIGKILL');
  }
  throw new Error('started redis-server five times on free ports but it never became ready');
}
