import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import {
  DEFAULT_MAX_BUNDLE_BYTES,
  readBundle,
  readTarGz,
  writeBundle,
  writeTarGz,
  type ReadBundleOptions,
} from '../../services/bundle/index.js';
import { BundleError } from '../../services/bundle/errors.js';

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();

async function refusal(source: string | Uint8Array, options: ReadBundleOptions = {}): Promise<BundleError> {
  const err = await readBundle(source, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BundleError);
  return err as BundleError;
}

/** True when some key leaked onto Object.prototype; the leak is undone so one failure does not spread. */
function polluted(...keys: string[]): boolean {
  const proto = Object.prototype as Record<string, unknown>;
  const probe: Record<string, unknown> = {};
  const leaked = keys.filter((key) => probe[key] !== undefined);
  for (const key of leaked) delete proto[key];
  return leaked.length > 0;
}

afterEach(() => {
  expect(polluted('pwned', 'nested', 'fromDir')).toBe(false);
});

describe('bundle data cannot reach Object.prototype', () => {
  const protoData = '{"__proto__": {"pwned": "yes"}}';

  test('an unsigned bundle is refused before its data is merged when a key is configured', async () => {
    const bytes = writeTarGz([file('/data.json', protoData)]);
    const err = await refusal(bytes, { verification: { key: publicPem } });
    expect(err.code).toBe('bundle_signature_missing');
    expect(polluted('pwned')).toBe(false);
  });

  test('a data file under a /__proto__/ directory is refused unsigned and pollutes nothing', async () => {
    const bytes = writeTarGz([file('/__proto__/data.json', '{"pwned": "yes"}')]);
    expect((await refusal(bytes, { verification: { key: publicPem } })).code).toBe(
      'bundle_signature_missing',
    );
    expect(polluted('pwned')).toBe(false);
    const err = await refusal(bytes);
    expect(err.code).toBe('bundle_data_invalid');
    expect(err.message).toContain('"__proto__"');
    expect(polluted('pwned')).toBe(false);
  });

  test('an unsigned bundle without a key configured refuses __proto__ keys at any depth', async () => {
    expect((await refusal(writeTarGz([file('/data.json', protoData)]))).code).toBe('bundle_data_invalid');
    const nested = writeTarGz([
      file('/a/data.json', '{"x": 1}'),
      file('/data.json', '{"a": {"__proto__": {"nested": true}}}'),
    ]);
    const err = await refusal(nested);
    expect(err.code).toBe('bundle_data_invalid');
    expect(err.message).toContain('"a/__proto__"');
    expect(polluted('nested')).toBe(false);
  });

  test('a signed bundle holding a __proto__ key is refused without pollution', async () => {
    const data = JSON.parse(protoData) as Record<string, unknown>;
    const bytes = await writeBundle(
      { manifest: { revision: 'r1', roots: [''], wasm: [] }, data },
      { signing: { key: privatePem } },
    );
    expect(readTarGz(bytes, 't').some((f) => new TextDecoder().decode(f.bytes).includes('__proto__'))).toBe(
      true,
    );
    const err = await refusal(bytes, { verification: { key: publicPem } });
    expect(err.code).toBe('bundle_data_invalid');
    expect(polluted('pwned')).toBe(false);
  });

  test('keys named constructor and prototype are ordinary data', async () => {
    const bytes = writeTarGz([
      file('/data.json', '{"constructor": {"name": "c"}, "prototype": 2}'),
      file('/constructor/extra/data.json', '{"n": 1}'),
    ]);
    const bundle = await readBundle(bytes);
    expect(JSON.parse(JSON.stringify(bundle.data))).toEqual({
      constructor: { name: 'c', extra: { n: 1 } },
      prototype: 2,
    });
  });

  test('a directory bundle with a __proto__ data directory is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pc-bundle-sec-'));
    try {
      await mkdir(join(dir, '__proto__'), { recursive: true });
      await writeFile(join(dir, '__proto__', 'data.json'), '{"fromDir": 1}');
      expect((await refusal(dir)).code).toBe('bundle_data_invalid');
      expect(polluted('fromDir')).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** A gzip of `bytes` zero bytes, made in chunks so the test never holds the inflated size. */
async function zeroGzip(bytes: number): Promise<Uint8Array> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve, reject) => gzip.on('end', resolve).on('error', reject));
  const chunk = Buffer.alloc(1024 * 1024);
  for (let left = bytes; left > 0; left -= chunk.length) {
    if (!gzip.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) {
      await new Promise((resolve) => gzip.once('drain', resolve));
    }
  }
  gzip.end();
  await done;
  return new Uint8Array(Buffer.concat(out));
}

describe('bundle size limits', () => {
  const padded = (size: number) =>
    writeBundle({ manifest: { revision: 'r', roots: [''], wasm: [] }, data: { pad: 'a'.repeat(size) } });

  test('a small gzip inflating past the default limit is refused while inflating', async () => {
    const bomb = await zeroGzip(DEFAULT_MAX_BUNDLE_BYTES + 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const err = await refusal(bomb);
    expect(err.code).toBe('bundle_too_large');
    expect(err.message).toContain(String(DEFAULT_MAX_BUNDLE_BYTES));
  });

  test('the uncompressed limit is configurable', async () => {
    const bytes = await padded(200_000);
    expect((await refusal(bytes, { maxBundleBytes: 100_000 })).code).toBe('bundle_too_large');
    expect((await readBundle(bytes, { maxBundleBytes: 400_000 })).data.pad).toHaveLength(200_000);
  });

  test('the compressed limit applies to bytes and to .tar.gz files', async () => {
    const bytes = await padded(1000);
    expect((await refusal(bytes, { maxDownloadBytes: bytes.length - 1 })).code).toBe('bundle_too_large');
    const dir = await mkdtemp(join(tmpdir(), 'pc-bundle-size-'));
    try {
      await writeFile(join(dir, 'b.tar.gz'), bytes);
      const path = join(dir, 'b.tar.gz');
      expect((await refusal(path, { maxDownloadBytes: bytes.length - 1 })).code).toBe('bundle_too_large');
      await expect(readBundle(path, { maxDownloadBytes: bytes.length })).resolves.toBeDefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a bundle directory is refused once its files pass the limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pc-bundle-size-'));
    try {
      await writeFile(join(dir, 'data.json'), JSON.stringify({ pad: 'a'.repeat(5000) }));
      expect((await refusal(dir, { maxBundleBytes: 4000 })).code).toBe('bundle_too_large');
      await expect(readBundle(dir, { maxBundleBytes: 6000 })).resolves.toBeDefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
