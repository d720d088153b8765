import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { writeBundle, type Bundle } from '../../services/bundle/index.js';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { Generation } from '../../services/decision/eval/generation.js';
import { getJson, waitFor } from './support.js';
import { fileEntry, header, tarGz } from '../bundle/support/tar-bytes.js';

const make = (revision: string) =>
  writeBundle({ manifest: { revision, roots: ['app'], wasm: [] }, data: { app: { revision } } });

/** Serves `bodies[n]` for the n-th request (the last one repeats), written in 16 KiB chunks. */
async function bundleServer(bodies: Uint8Array[]) {
  let requests = 0;
  const server: Server = createServer((_req, res) => {
    const body = bodies[Math.min(requests++, bodies.length - 1)];
    res.writeHead(200, { 'content-type': 'application/gzip' });
    for (let at = 0; at < body.length; at += 16384) res.write(body.subarray(at, at + 16384));
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bundles/app.tar.gz`,
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function start(url: string, limits: { maxBundleBytes?: number; maxDownloadBytes?: number }) {
  const service: RunningDecisionService = await startDecisionService({
    bundles: [url],
    workers: 1,
    polling: { minDelaySeconds: 0.05, maxDelaySeconds: 0.1 },
    bundleLimits: limits,
  });
  closers.push(() => service.close());
  return service;
}

async function failedStatus(service: RunningDecisionService, url: string) {
  return waitFor('a failed bundle attempt', async () => {
    const status = (await getJson(`${service.url}/v1/status`)).body.result.bundles[url];
    return status.code ? status : undefined;
  });
}

describe('bundle size limits in the decision service', () => {
  test('a gzip that inflates past the limit is refused and the last good bundle stays active', async () => {
    // A valid gzip of 4 MiB of zeros: about 4 KiB on the wire.
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(4 * 1024 * 1024)));
    const server = await bundleServer([await make('r1'), bomb]);
    closers.push(server.close);
    const service = await start(server.url, { maxBundleBytes: 1024 * 1024 });
    expect((await getJson(`${service.url}/v1/data/app/revision`)).body.result).toBe('r1');
    const status = await failedStatus(service, server.url);
    expect(status.code).toBe('bundle_too_large');
    expect(status.message).toContain('1048576');
    expect(status.active_revision).toBe('r1');
    expect((await getJson(`${service.url}/v1/data/app/revision`)).body.result).toBe('r1');
  });

  test('a download is cut off once it passes the compressed limit', async () => {
    const big = await writeBundle({
      manifest: { revision: 'big', roots: ['app'], wasm: [] },
      data: { app: { noise: Array.from({ length: 20000 }, (_, i) => `${i * 7919}-${(i * 104729) % 9973}`) } },
    });
    const server = await bundleServer([await make('r1'), big]);
    closers.push(server.close);
    const limit = Math.floor(big.length / 2);
    expect((await make('r1')).length).toBeLessThan(limit);
    const service = await start(server.url, { maxDownloadBytes: limit });
    const status = await failedStatus(service, server.url);
    expect(status.code).toBe('bundle_too_large');
    expect(status.message).toContain('the download');
    expect((await getJson(`${service.url}/v1/data/app/revision`)).body.result).toBe('r1');
  });
});

describe('unsafe archives in the decision service', () => {
  test('a symbolic link or a ".." entry refuses the new bundle, names the entry, and keeps the last good one', async () => {
    const manifest = fileEntry('/.manifest', '{"revision": "evil", "roots": ["app"]}');
    const link = tarGz(
      manifest,
      header({ name: 'app/data.json', type: '2', linkname: '/etc/passwd', size: 0 }),
    );
    const climb = tarGz(manifest, fileEntry('app/../../data.json', '{"app": {"revision": "evil"}}'));
    for (const [hostile, named] of [
      [link, 'entry "app/data.json" is a symbolic link to "/etc/passwd"'],
      [climb, 'entry "app/../../data.json" has a ".." segment'],
    ] as const) {
      const server = await bundleServer([await make('r1'), hostile]);
      closers.push(server.close);
      const service = await start(server.url, {});
      expect((await getJson(`${service.url}/v1/data/app/revision`)).body.result).toBe('r1');
      const status = await failedStatus(service, server.url);
      expect(status.code).toBe('bundle_archive_invalid');
      expect(status.message).toContain(named);
      expect(status.active_revision).toBe('r1');
      expect((await getJson(`${service.url}/v1/data/app/revision`)).body.result).toBe('r1');
    }
  });
});

describe('merging bundle data into a generation', () => {
  test('an own __proto__ key in bundle data does not reach Object.prototype', async () => {
    const bundle = (data: string): Bundle => ({
      manifest: { revision: '', roots: [''], wasm: [] },
      data: JSON.parse(data) as Record<string, unknown>,
      rego: [],
      wasm: [],
      files: [],
    });
    const generation = await Generation.create(
      [
        { name: 'a', bundle: bundle('{"a": {"x": 1}}') },
        { name: 'b', bundle: bundle('{"__proto__": {"pwned": 1}, "a": {"__proto__": {"pwnedToo": 1}}}') },
      ],
      { poolSize: 1 },
    );
    const probe: Record<string, unknown> = {};
    const leaked = ['pwned', 'pwnedToo'].filter((key) => probe[key] !== undefined);
    for (const key of leaked) delete (Object.prototype as Record<string, unknown>)[key];
    await generation.retire();
    expect(leaked).toEqual([]);
    expect(Object.getPrototypeOf(generation.data)).toBe(Object.prototype);
  });
});
