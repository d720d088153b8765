import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBundle } from '../../services/bundle/index.js';
import {
  BUNDLE_CONTENT_TYPE,
  startBundleServer,
  startDecisionService,
  type RunningDecisionService,
} from '../../services/decision/index.js';
import { pollDelayMs } from '../../services/decision/bundles/http-source.js';
import { cleanup, getJson, tempDir, waitFor } from './support.js';

const make = (revision: string) =>
  writeBundle({ manifest: { revision, roots: ['app'], wasm: [] }, data: { app: { revision } } });

/** A scripted bundle server: records each request's headers and answers with the next scripted reply. */
async function scriptedServer(
  reply: (
    n: number,
    headers: IncomingHttpHeaders,
  ) => Promise<{ status: number; headers?: Record<string, string | undefined>; body?: Uint8Array }>,
) {
  const seen: { headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ headers: req.headers });
    void reply(seen.length, req.headers).then(({ status, headers, body }) => {
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bundles/app.tar.gz`;
  return {
    url,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const services: RunningDecisionService[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function start(url: string, polling: Parameters<typeof startDecisionService>[0]['polling']) {
  const service = await startDecisionService({ bundles: [url], workers: 1, polling });
  services.push(service);
  return service;
}

describe('HTTP bundle source', () => {
  test('sends If-None-Match with the ETag, treats 304 as unchanged, and activates a new revision', async () => {
    const r1 = await make('r1');
    const r2 = await make('r2');
    const server = await scriptedServer(async (n) => {
      if (n === 1) return { status: 200, headers: { etag: '"e1"' }, body: r1 };
      if (n <= 3) return { status: 304, headers: { etag: '"e1"' } };
      return n === 4 ? { status: 200, headers: { etag: '"e2"' }, body: r2 } : { status: 304 };
    });
    closers.push(server.close);
    const service = await start(server.url, { minDelaySeconds: 0.05, maxDelaySeconds: 0.1 });
    expect((await getJson(`${service.url}/v1/data/app/revision`)).body.result).toBe('r1');
    await waitFor(
      'revision r2',
      async () => (await getJson(`${service.url}/v1/data/app/revision`)).body.result === 'r2',
    );
    expect(server.seen[0].headers['if-none-match']).toBeUndefined();
    expect(server.seen[1].headers['if-none-match']).toBe('"e1"');
    await waitFor('a request after r2', () => server.seen.length >= 5);
    expect(server.seen[4].headers['if-none-match']).toBe('"e2"');
    const status = (await getJson(`${service.url}/v1/status`)).body.result.bundles[server.url];
    expect(status).toMatchObject({ active_revision: 'r2' });
    expect(status.code).toBeUndefined();
  });

  test('keeps polling after a 304', async () => {
    const r1 = await make('r1');
    const server = await scriptedServer(async (n) =>
      n === 1 ? { status: 200, headers: { etag: '"e"' }, body: r1 } : { status: 304 },
    );
    closers.push(server.close);
    await start(server.url, { minDelaySeconds: 0.05, maxDelaySeconds: 0.1 });
    await waitFor('four requests', () => server.seen.length >= 4);
    for (const later of server.seen.slice(1, 4)) expect(later.headers['if-none-match']).toBe('"e"');
  });

  test('waits between the min and max delay, and backs off exponentially with jitter after failures', () => {
    const options = { minDelaySeconds: 0.2, maxDelaySeconds: 1 };
    const at = (failures: number, random: number, longPolling = false) =>
      pollDelayMs(options, { failures, longPolling }, random);
    expect(at(0, 0)).toBe(200);
    expect(at(0, 0.5)).toBe(600);
    expect(at(0, 0.999)).toBeCloseTo(999.2);
    expect(at(0, 0.7, true)).toBe(0);
    // 0.2, 0.4, 0.8 s, then the 1 s cap; jitter keeps each in [50%, 100%) of its step
    expect([1, 2, 3, 4, 9].map((f) => at(f, 0))).toEqual([100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 9].map((f) => at(f, 0.999))).toEqual(
      [1, 2, 3, 4, 9].map((f) => Math.min(1000, 200 * 2 ** (f - 1)) * 0.9995),
    );
    expect(at(2, 0.3, true)).toBeGreaterThan(0);
    expect(pollDelayMs({}, { failures: 0, longPolling: false }, 0)).toBe(60_000);
    expect(
      pollDelayMs({ minDelaySeconds: 5, maxDelaySeconds: 1 }, { failures: 0, longPolling: false }, 0.9),
    ).toBe(5000);
  });

  test('errors are reported, polling goes on, and the last good bundle keeps serving', async () => {
    const r1 = await make('r1');
    const server = await scriptedServer(async (n) =>
      n === 1
        ? { status: 200, headers: { etag: '"e"' }, body: r1 }
        : { status: 503, body: new TextEncoder().encode('down') },
    );
    closers.push(server.close);
    const service = await start(server.url, { minDelaySeconds: 0.05, maxDelaySeconds: 0.2 });
    await waitFor('five requests', () => server.seen.length >= 5);
    const status = (await getJson(`${service.url}/v1/status`)).body.result.bundles[server.url];
    expect(status).toMatchObject({ active_revision: 'r1', code: 'bundle_download_failed' });
    expect(status.message).toContain('503');
    expect((await getJson(`${service.url}/v1/data/app/revision`)).body.result).toBe('r1');
  });

  test('long polling: Prefer wait=N is sent, and kept only while the server answers with the OPA content type', async () => {
    const r1 = await make('r1');
    const server = await scriptedServer(async (n) => {
      if (n === 1)
        return { status: 200, headers: { etag: '"e"', 'content-type': BUNDLE_CONTENT_TYPE }, body: r1 };
      if (n === 2) return { status: 304, headers: { 'content-type': BUNDLE_CONTENT_TYPE } };
      return { status: 304, headers: { 'content-type': 'application/gzip' } };
    });
    closers.push(server.close);
    await start(server.url, { minDelaySeconds: 0.1, maxDelaySeconds: 0.15, longPollingTimeoutSeconds: 7 });
    await waitFor('four requests', () => server.seen.length >= 4);
    expect(server.seen[0].headers.prefer).toBe('modes=snapshot,delta; wait=7');
    expect(server.seen[1].headers.prefer).toBe('modes=snapshot,delta; wait=7');
    expect(server.seen[2].headers.prefer).toBe('modes=snapshot,delta; wait=7');
    // the third answer lacked the content type: long polling is off from then on
    expect(server.seen[3].headers.prefer).toBeUndefined();
  });

  test('end to end with startBundleServer and long polling: a new bundle is live within the wait', async () => {
    const dir = await tempDir('e2e-serve');
    closers.push(() => cleanup(dir));
    await writeFile(join(dir, 'app.tar.gz'), await make('r1'));
    const bundleServer = await startBundleServer({ dir, checkIntervalMs: 20 });
    closers.push(bundleServer.close);
    const service = await start(`${bundleServer.url}/app.tar.gz`, {
      minDelaySeconds: 30,
      maxDelaySeconds: 60,
      longPollingTimeoutSeconds: 20,
    });
    expect((await getJson(`${service.url}/v1/data/app/revision`)).body.result).toBe('r1');
    await writeFile(join(dir, 'next.tmp'), await make('r2'));
    await rename(join(dir, 'next.tmp'), join(dir, 'app.tar.gz'));
    // far sooner than the 30 s poll delay: the held request answered with the change
    await waitFor(
      'r2 via long polling',
      async () => (await getJson(`${service.url}/v1/data/app/revision`)).body.result === 'r2',
    );
  });

  test('an unreachable server is reported with the network reason', async () => {
    const server = await scriptedServer(async () => ({ status: 404 }));
    await server.close();
    const service = await start(server.url, { minDelaySeconds: 10, maxDelaySeconds: 20 });
    const status = (await getJson(`${service.url}/v1/status`)).body.result.bundles[server.url];
    expect(status.code).toBe('bundle_download_failed');
    expect(status.message).toContain('ECONNREFUSED');
  });

  test('a bundle that fails verification over HTTP is refused and reported', async () => {
    const server = await scriptedServer(async () => ({
      status: 200,
      headers: { etag: '"x"' },
      body: new TextEncoder().encode('garbage'),
    }));
    closers.push(server.close);
    const service = await start(server.url, { minDelaySeconds: 10, maxDelaySeconds: 20 });
    const status = (await getJson(`${service.url}/v1/status`)).body.result.bundles[server.url];
    expect(status.code).toBe('bundle_archive_invalid');
    expect((await getJson(`${service.url}/health?bundles`)).status).toBe(500);
  });
});
