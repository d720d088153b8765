import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../services/common/logger.js';
import { createServiceApp, listen } from '../../services/common/http.js';
import {
  isDraining,
  onShutdown,
  runShutdownHooks,
  shutdownHookNames,
  stopAccepting,
  trackServer,
} from '../../services/common/shutdown.js';
import { portAccepts } from '../support/child-process.js';
import { logCollector } from '../support/log-lines.js';

/**
 * One test file, one module registry: draining is process-wide state, so
 * the draining test runs last and every test before it sees a live process.
 */

/** A GET through its own connection; `answer` settles when the server answers (or cuts it). */
function get(base: string, path: string): Promise<{ res: IncomingMessage; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ res, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('flush hooks', () => {
  it('run in order after one another; a failing or slow hook is logged and the rest still run', async () => {
    const ran: string[] = [];
    const out = logCollector();
    const never = new Promise<void>(() => undefined);
    const removers = [
      onShutdown('test:first', async () => void ran.push('first')),
      onShutdown('test:broken', async () => {
        ran.push('broken');
        throw new Error('spool disk gone');
      }),
      onShutdown('test:stuck', () => {
        ran.push('stuck');
        return never;
      }),
      onShutdown('test:last', async () => void ran.push('last')),
    ];
    const removed = onShutdown('test:removed', async () => void ran.push('removed'));
    removed();
    expect(shutdownHookNames()).toEqual(['test:first', 'test:broken', 'test:stuck', 'test:last']);
    await runShutdownHooks(100, createLogger({ destination: out.stream }));
    expect(ran).toEqual(['first', 'broken', 'stuck', 'last']);
    expect(out.lines.map((l) => [l.level, l.msg, l.hook])).toEqual([
      ['error', 'flush failed', 'test:broken'],
      ['warn', 'flush timed out', 'test:stuck'],
    ]);
    removers.forEach((remove) => remove());
    expect(shutdownHookNames()).toEqual([]);
  });
});

describe('draining the servers', () => {
  it('stops the front server at once, lets its request in flight use the others, then drains them', async () => {
    const back = await listen(
      createServiceApp({
        service: 'back',
        logger: createLogger({ level: 'silent' }),
        ready: { always: () => true },
        mount: (a) => a.get('/data', (_req, res) => res.json({ from: 'back' })),
      }),
      0,
      '127.0.0.1',
      'back',
    );
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const requestArrived = new Promise<void>((r) => (arrived = r));
    // The front server answers only once released, with what it fetched from the back server then.
    const frontServer = createServer((_req, res) => {
      arrived();
      void released
        .then(() => fetch(`${back.url}/data`))
        .then((r) => r.json())
        .then((data) => res.end(JSON.stringify(data)));
    });
    trackServer(frontServer, 'front', { front: true });
    await new Promise<void>((r) => frontServer.listen(0, '127.0.0.1', r));
    const front = { url: `http://127.0.0.1:${(frontServer.address() as AddressInfo).port}` };
    const frontPort = Number(new URL(front.url).port);
    try {
      const before = await fetch(`${back.url}/health/ready`);
      expect(before.status).toBe(200);
      expect(await before.json()).toEqual({ status: 'ready', checks: { always: 'ok' } });
      const answer = get(front.url, '/slow');
      await requestArrived;
      expect(isDraining()).toBe(false);

      const drain = stopAccepting();
      expect(isDraining()).toBe(true);
      expect(drain.inFlight).toBe(1);
      expect(await portAccepts(frontPort)).toBe(false);
      expect(await portAccepts(back.port)).toBe(true);

      const settled = drain.settled(30_000);
      release();
      const { res, body } = await answer;
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(body)).toEqual({ from: 'back' });
      expect(res.headers.connection).toBe('close');
      expect(await settled).toEqual(
        expect.arrayContaining([
          { name: 'front', inFlight: 1, cut: 0 },
          { name: 'back', inFlight: 0, cut: 0 },
        ]),
      );
      expect(await portAccepts(back.port)).toBe(false);
    } finally {
      frontServer.close();
      await back.close();
    }
  });

  it('answers readiness 503 draining once shutdown has begun, and cuts requests still running at the limit', async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((r) => (arrived = r));
    const app = createServiceApp({
      service: 't',
      logger: createLogger({ level: 'silent' }),
      mount: (a) => a.get('/forever', () => arrived()),
    });
    const server = await listen(app, 0, '127.0.0.1', 'stuck server');
    try {
      // The previous test began the shutdown: this process stays draining.
      const ready = await fetch(`${server.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'draining', checks: {} });
      const cut = get(server.url, '/forever').then(
        () => 'answered',
        (err: NodeJS.ErrnoException) => err.code,
      );
      await requestArrived;
      // The handler never answers: the time limit is what ends it.
      const drain = stopAccepting();
      expect(drain.inFlight).toBe(1);
      expect(await drain.settled(200)).toEqual([{ name: 'stuck server', inFlight: 1, cut: 1 }]);
      expect(await cut).toBe('ECONNRESET');
    } finally {
      await server.close();
    }
  });
});
