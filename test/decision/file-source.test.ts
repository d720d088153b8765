import { generateKeyPairSync } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBundle } from '../../services/bundle/index.js';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { cleanup, getJson, tempDir, waitFor, writeFiles } from './support.js';

let dir: string;
const services: RunningDecisionService[] = [];

beforeEach(async () => {
  dir = await tempDir('files');
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await cleanup(dir);
});

async function start(bundles: string[], extra: Partial<Parameters<typeof startDecisionService>[0]> = {}) {
  const service = await startDecisionService({ bundles, workers: 1, ...extra });
  services.push(service);
  return service;
}

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('directory bundles', () => {
  test('a change on disk is picked up; a broken change keeps the last good revision', async () => {
    const bundleDir = join(dir, 'b');
    await writeFiles(bundleDir, {
      '.manifest': { revision: 'one', roots: ['app'] },
      'app/data.json': { v: 1 },
    });
    const service = await start([bundleDir]);
    expect((await getJson(`${service.url}/v1/data/app/v`)).body.result).toBe(1);

    await writeFiles(bundleDir, {
      '.manifest': { revision: 'two', roots: ['app'] },
      'app/data.json': { v: 2 },
    });
    await waitFor(
      'revision two',
      async () => (await getJson(`${service.url}/v1/data/app/v`)).body.result === 2,
    );

    await writeFile(join(bundleDir, 'app', 'data.json'), '{broken');
    const status = await waitFor('the failure in /v1/status', async () => {
      const s = (await getJson(`${service.url}/v1/status`)).body.result.bundles[bundleDir];
      return s.code ? s : undefined;
    });
    expect(status).toMatchObject({ active_revision: 'two', code: 'bundle_data_invalid' });
    expect(status.message).toContain('data.json');
    expect((await getJson(`${service.url}/v1/data/app/v`)).body.result).toBe(2);
    const health = await getJson(`${service.url}/health?bundles`);
    expect(health.status).toBe(200);
    expect(health.body.bundles[bundleDir]).toMatchObject({
      active_revision: 'two',
      last_error: { code: 'bundle_data_invalid' },
    });
  });
});

describe('tarball bundles', () => {
  test('replacing the file by rename reloads it', async () => {
    const file = join(dir, 'bundle.tar.gz');
    const make = (revision: string, v: number) =>
      writeBundle({ manifest: { revision, roots: ['app'], wasm: [] }, data: { app: { v } } });
    await writeFile(file, await make('r1', 1));
    const service = await start([file]);
    expect((await getJson(`${service.url}/v1/data/app/v`)).body.result).toBe(1);
    await writeFile(join(dir, 'next.tmp'), await make('r2', 2));
    await rename(join(dir, 'next.tmp'), file);
    await waitFor(
      'r2',
      async () =>
        (await getJson(`${service.url}/v1/status`)).body.result.bundles[file].active_revision === 'r2',
    );
    expect((await getJson(`${service.url}/v1/data/app/v`)).body.result).toBe(2);
  });

  test('a missing file: never activated, /health?bundles is 500, queries are undefined', async () => {
    const service = await start([join(dir, 'absent.tar.gz')]);
    const health = await getJson(`${service.url}/health?bundles`);
    expect(health.status).toBe(500);
    expect(health.body.error).toContain('absent.tar.gz');
    expect((await getJson(`${service.url}/health`)).status).toBe(200);
    const status = (await getJson(`${service.url}/v1/status`)).body.result;
    expect(status.bundles[join(dir, 'absent.tar.gz')].code).toBe('bundle_unreadable');
    expect(status.plugins.bundle.state).toBe('ERROR');
    expect('result' in (await getJson(`${service.url}/v1/data/app`)).body).toBe(false);
  });
});

describe('signed bundles', () => {
  const contents = { manifest: { revision: 's1', roots: ['app'], wasm: [] }, data: { app: { ok: true } } };

  test('a bundle signed with the configured key is served', async () => {
    const file = join(dir, 'signed.tar.gz');
    await writeFile(file, await writeBundle(contents, { signing: { key: privatePem, scope: 'prod' } }));
    const service = await start([file], { verification: { key: publicPem, scope: 'prod' } });
    expect((await getJson(`${service.url}/v1/data/app/ok`)).body.result).toBe(true);
  });

  test('unsigned, wrong-scope and unexpected signatures are refused with their codes', async () => {
    const unsigned = join(dir, 'unsigned.tar.gz');
    const scoped = join(dir, 'scoped.tar.gz');
    await writeFile(unsigned, await writeBundle(contents));
    await writeFile(
      scoped,
      await writeBundle(
        { ...contents, manifest: { ...contents.manifest, roots: ['other'] }, data: { other: {} } },
        { signing: { key: privatePem, scope: 'dev' } },
      ),
    );
    const service = await start([unsigned, scoped], { verification: { key: publicPem, scope: 'prod' } });
    const bundles = (await getJson(`${service.url}/v1/status`)).body.result.bundles;
    expect(bundles[unsigned].code).toBe('bundle_signature_missing');
    expect(bundles[scoped].code).toBe('bundle_signature_scope');
    expect(bundles[unsigned].active_revision).toBeUndefined();

    const noKey = await start([scoped]);
    expect((await getJson(`${noKey.url}/v1/status`)).body.result.bundles[scoped].code).toBe(
      'bundle_signature_unexpected',
    );
  });

  test('a tampered update keeps the last good signed revision', async () => {
    const bundleDir = join(dir, 'signed-dir');
    const { readTarGz } = await import('../../services/bundle/index.js');
    const files = readTarGz(await writeBundle(contents, { signing: { key: privatePem } }), 't');
    await writeFiles(
      bundleDir,
      Object.fromEntries(files.map((f) => [f.path.slice(1), new TextDecoder().decode(f.bytes)])),
    );
    const service = await start([bundleDir], { verification: { key: publicPem } });
    expect((await getJson(`${service.url}/v1/data/app/ok`)).body.result).toBe(true);
    await writeFile(join(bundleDir, 'data.json'), JSON.stringify({ app: { ok: false } }));
    const status = await waitFor('tamper detected', async () => {
      const s = (await getJson(`${service.url}/v1/status`)).body.result.bundles[bundleDir];
      return s.code ? s : undefined;
    });
    expect(status.code).toBe('bundle_file_tampered');
    expect((await getJson(`${service.url}/v1/data/app/ok`)).body.result).toBe(true);
  });
});

describe('several bundles', () => {
  test('disjoint roots are served together; an overlapping bundle is refused', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const c = join(dir, 'c');
    await writeFiles(a, { '.manifest': { revision: 'a1', roots: ['alpha'] }, 'alpha/data.json': { x: 1 } });
    await writeFiles(b, { '.manifest': { revision: 'b1', roots: ['beta'] }, 'beta/data.json': { y: 2 } });
    await writeFiles(c, {
      '.manifest': { revision: 'c1', roots: ['alpha/sub'] },
      'alpha/sub/data.json': { z: 3 },
    });
    const service = await start([a, b, c]);
    const data = (await getJson(`${service.url}/v1/data`)).body.result;
    expect(data.alpha.x).toBe(1);
    expect(data.beta.y).toBe(2);
    const status = (await getJson(`${service.url}/v1/status`)).body.result.bundles;
    const refused = [status[a], status[c]].find((s) => s.code);
    expect(refused.code).toBe('bundle_roots_overlap');
    expect(refused.message).toContain('alpha');
  });
});
