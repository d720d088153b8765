import { execFileSync } from 'node:child_process';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { killTree, portAccepts, startWatched, type WatchedProcess } from '../support/child-process.js';

/*
 * `npm start` as a real child process: a request
 * is in flight when the signal arrives; it must complete, the ports must
 * close and the exit code must be 0, whichever process got the signal.
 * Needs dist/ (npm test builds it first).
 */

interface Started {
  run: WatchedProcess;
  urls: Record<string, string>;
  apiKey: string;
  prefix: string;
}

async function startStack(): Promise<Started> {
  const prefix = uniquePrefix('shutdown');
  const ports = ['--proxy-port', '0', '--decision-port', '0', '--workers-port', '0', '--demo-port', '0'];
  const run = startWatched('npm', ['start', '--silent', '--', ...ports], {
    env: {
      ...process.env,
      REDIS_URL: testRedisUrl(),
      PORTCULLIS_REDIS_PREFIX: prefix,
      PORTCULLIS_LOG_LEVEL: 'warn',
    },
  });
  const [, apiKey] = await run.waitFor(/x-api-key: (pc_demo_[0-9a-f]+)/);
  const urls: Record<string, string> = {};
  for (const name of ['demo upstream', 'decision service', 'proxy', 'workers']) {
    const [, url] = await run.waitFor(new RegExp(`^  ${name} +(http://\\S+)$`, 'm'));
    urls[name] = url;
  }
  return { run, urls, apiKey, prefix };
}

/**
 * A request through the proxy that stays in flight until `finish`: it
 * announces a body with `Expect: 100-continue`, and the proxy's `100
 * Continue` proves the proxy holds the request before the test goes on.
 */
function inFlightRequest(url: string, apiKey: string) {
  let req!: ClientRequest;
  const response = new Promise<{ res: IncomingMessage; body: string }>((resolve, reject) => {
    req = request(url, {
      method: 'GET',
      headers: {
        'x-api-key': apiKey,
        expect: '100-continue',
        'content-length': '2',
        'x-request-id': 'in-flight-1',
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ res, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  const continued = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  return { continued, response, finish: () => req.end('{}') };
}

function childOf(pid: number): number {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  const pids = out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter(Boolean);
  if (pids.length !== 1) throw new Error(`expected one child of ${pid}, found ${JSON.stringify(pids)}`);
  return pids[0];
}

async function shutDownWithRequestInFlight(started: Started, signal: NodeJS.Signals, target: number) {
  const { run, urls, apiKey } = started;
  const ports = Object.values(urls).map((u) => Number(new URL(u).port));
  const proxyPort = Number(new URL(urls.proxy).port);
  const call = inFlightRequest(`${urls.proxy}/crm/customers`, apiKey);
  await call.continued;

  process.kill(target, signal);
  await run.waitFor(new RegExp(`${signal}: stopped accepting; draining 1 requests in flight`));
  expect(await portAccepts(proxyPort)).toBe(false);

  call.finish();
  const { res, body } = await call.response;
  expect(res.statusCode).toBe(200);
  expect(res.headers['x-request-id']).toBe('in-flight-1');
  expect(res.headers.connection).toBe('close');
  const customers = JSON.parse(body).customers as { email: string }[];
  expect(customers.length).toBeGreaterThan(0);

  expect(await run.exited).toBe(0);
  expect(run.output()).toContain('shut down cleanly');
  for (const port of ports) expect({ port, open: await portAccepts(port) }).toEqual({ port, open: false });
}

// Hang guards: a stack's first start in a data folder creates its embedded audit store
// (9 s of CPU; minutes on a loaded 2-core machine).
describe('shutdown of the whole stack', () => {
  let started: Started | undefined;
  afterEach(async () => {
    if (started && started.run.child.exitCode === null) killTree(started.run.child.pid!);
    if (started) await deleteKeys(started.prefix);
    started = undefined;
  });

  it('SIGTERM to `npm start` drains the request in flight, closes every port and exits 0', async () => {
    started = await startStack();
    await shutDownWithRequestInFlight(started, 'SIGTERM', started.run.child.pid!);
  }, 300_000);

  it('SIGINT to the node process under `npm start` does the same', async () => {
    started = await startStack();
    await shutDownWithRequestInFlight(started, 'SIGINT', childOf(started.run.child.pid!));
  }, 300_000);
});
