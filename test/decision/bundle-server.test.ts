import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBundle } from '../../services/bundle/index.js';
import { startBundleServer, BUNDLE_CONTENT_TYPE, type RunningServer } from '../../services/decision/index.js';
import { cleanup, tempDir, waitFor } from './support.js';

let dir: string;
let server: RunningServer;

const make = (revision: string) =>
  writeBundle({ manifest: { revision, roots: ['app'], wasm: [] }, data: { app: { revision } } });

async function replace(path: string, bytes: Uint8Array): Promise<void> {
  await writeFile(path + '.tmp', bytes);
  await rename(path + '.tmp', path);
}

beforeEach(async () => {
  dir = await tempDir('serve');
  await writeFile(join(dir, 'app.tar.gz'), await make('r1'));
  server = await startBundleServer({ dir, checkIntervalMs: 20 });
});
afterEach(async () => {
  await server.close();
  await cleanup(dir);
});

describe('startBundleServer', () => {
  test('serves a bundle with a strong ETag and OPA content type; 304 when unchanged', async () => {
    const first = await fetch(`${server.url}/app.tar.gz`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe(BUNDLE_CONTENT_TYPE);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(Buffer.from(await first.arrayBuffer())).toEqual(await readFile(join(dir, 'app.tar.gz')));
    const again = await fetch(`${server.url}/app.tar.gz`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  test('a changed file gets a new ETag', async () => {
    const etag1 = (await fetch(`${server.url}/app.tar.gz`)).headers.get('etag');
    await replace(join(dir, 'app.tar.gz'), await make('r2'));
    const res = await fetch(`${server.url}/app.tar.gz`, { headers: { 'if-none-match': etag1! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(etag1);
  });

  test('long polling holds an unchanged request until the bundle changes', async () => {
    const etag = (await fetch(`${server.url}/app.tar.gz`)).headers.get('etag')!;
    const pending = fetch(`${server.url}/app.tar.gz`, {
      headers: { 'if-none-match': etag, prefer: 'modes=snapshot,delta; wait=300' },
    });
    // Change the bundle only once the server holds the request: its answer must be the change.
    await waitFor('the request to be held', () => server.heldRequests() === 1);
    await replace(join(dir, 'app.tar.gz'), await make('r2'));
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(etag);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(await readFile(join(dir, 'app.tar.gz')));
    expect(server.heldRequests()).toBe(0);
  });

  test('long polling answers 304 when the wait ends without a change', async () => {
    const etag = (await fetch(`${server.url}/app.tar.gz`)).headers.get('etag')!;
    const started = Date.now();
    const res = await fetch(`${server.url}/app.tar.gz`, {
      headers: { 'if-none-match': etag, prefer: 'modes=snapshot,delta; wait=1' },
    });
    expect(res.status).toBe(304);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  test('unknown paths and escapes are 404', async () => {
    expect((await fetch(`${server.url}/nope.tar.gz`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  test('without long polling the content type is plain gzip and wait is ignored', async () => {
    const plain = await startBundleServer({ dir, longPolling: false });
    try {
      const first = await fetch(`${plain.url}/app.tar.gz`);
      expect(first.headers.get('content-type')).toBe('application/gzip');
      // Honoured, the wait would hold the request for 300 s, past Jest's timeout.
      const res = await fetch(`${plain.url}/app.tar.gz`, {
        headers: { 'if-none-match': first.headers.get('etag')!, prefer: 'wait=300' },
      });
      expect(res.status).toBe(304);
      expect(plain.heldRequests()).toBe(0);
    } finally {
      await plain.close();
    }
  });
});
