import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import {
  readBundle,
  readTarGz,
  writeBundle,
  writeTarGz,
  canonicalJson,
  hashBundleFile,
} from '../../services/bundle/index.js';
import { BundleError } from '../../services/bundle/errors.js';

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });

async function expectCode(promise: Promise<unknown>, code: string, messagePart?: string): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BundleError);
  expect((err as BundleError).code).toBe(code);
  if (messagePart) expect((err as BundleError).message).toContain(messagePart);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-bundle-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeBundle / readBundle', () => {
  const wasmBytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  const contents = {
    manifest: {
      revision: 'r1',
      roots: ['example'],
      wasm: [{ entrypoint: 'example/allow', module: '/policy.wasm' }],
      rego_version: 1,
      metadata: { team: 'a' },
    },
    data: { example: { users: ['alice'] } },
    rego: [{ path: 'example/policy.rego', text: 'package example\nallow := true\n' }],
    wasm: [{ path: '/policy.wasm', bytes: wasmBytes }],
  };

  test('round-trips through tar.gz bytes in OPA file order', async () => {
    const bytes = await writeBundle(contents);
    expect(readTarGz(bytes, 'x').map((f) => f.path)).toEqual([
      '/data.json',
      '/example/policy.rego',
      '/policy.wasm',
      '/.manifest',
    ]);
    const bundle = await readBundle(bytes);
    expect(bundle.manifest).toEqual(contents.manifest);
    expect(bundle.data).toEqual(contents.data);
    expect(bundle.rego).toEqual([{ path: '/example/policy.rego', text: contents.rego[0].text }]);
    expect(Array.from(bundle.wasm[0].bytes)).toEqual(Array.from(wasmBytes));
    expect(bundle.signatures).toBeUndefined();
  });

  test('the archive is a standard tarball that the tar package extracts', async () => {
    const path = join(dir, 'bundle.tar.gz');
    await writeFile(path, await writeBundle(contents));
    const out = join(dir, 'out');
    await mkdir(out);
    await tar.x({ file: path, cwd: out });
    expect(JSON.parse(await readFile(join(out, 'data.json'), 'utf8'))).toEqual(contents.data);
    expect(JSON.parse(await readFile(join(out, '.manifest'), 'utf8')).revision).toBe('r1');
    // and the extracted directory reads as the same bundle
    const fromDir = await readBundle(out);
    expect(fromDir.data).toEqual(contents.data);
    expect(fromDir.manifest.wasm).toEqual(contents.manifest.wasm);
  });

  test('reads a tarball written by the tar package, with ./ prefixes and a long path', async () => {
    const src = join(dir, 'src');
    const longDir = join(src, 'example', 'a'.repeat(60), 'b'.repeat(60));
    await mkdir(longDir, { recursive: true });
    await writeFile(join(src, '.manifest'), JSON.stringify({ revision: 'v9', roots: ['example'] }));
    await writeFile(join(longDir, 'data.json'), '{"deep": 1}');
    await tar.c({ gzip: true, file: join(dir, 'b.tar.gz'), cwd: src }, ['.']);
    const bundle = await readBundle(join(dir, 'b.tar.gz'));
    expect(bundle.manifest.revision).toBe('v9');
    expect(
      (bundle.data.example as Record<string, Record<string, unknown>>)['a'.repeat(60)]['b'.repeat(60)],
    ).toEqual({
      deep: 1,
    });
  });

  test('long names survive our own writer', () => {
    const long = '/' + 'x/'.repeat(80) + 'data.json';
    const files = readTarGz(writeTarGz([file(long, '{}')]), 't');
    expect(files.map((f) => f.path)).toEqual([long]);
  });

  test('defaults: no manifest means revision "" and roots [""]', async () => {
    await writeFile(join(dir, 'data.json'), '{"a": 1}');
    const bundle = await readBundle(dir);
    expect(bundle.manifest).toEqual({ revision: '', roots: [''], wasm: [] });
    expect(bundle.data).toEqual({ a: 1 });
  });
});

describe('data files', () => {
  test('data.json, data.yaml and data.yml merge at their directory paths', async () => {
    await mkdir(join(dir, 'a', 'b'), { recursive: true });
    await mkdir(join(dir, 'c'), { recursive: true });
    await writeFile(join(dir, 'data.json'), '{"top": true, "a": {"x": 1}}');
    await writeFile(join(dir, 'a', 'b', 'data.yaml'), 'name: bee\nlist: [1, 2]\n');
    await writeFile(join(dir, 'c', 'data.yml'), '- 1\n- 2\n');
    await writeFile(join(dir, 'a', 'notdata.json'), '{"ignored": true}');
    const bundle = await readBundle(dir);
    expect(bundle.data).toEqual({ top: true, a: { x: 1, b: { name: 'bee', list: [1, 2] } }, c: [1, 2] });
  });

  test('data outside the roots is refused', async () => {
    await writeFile(join(dir, '.manifest'), '{"roots": ["allowed"]}');
    await mkdir(join(dir, 'other'));
    await writeFile(join(dir, 'other', 'data.json'), '{"a": 1}');
    await expectCode(
      readBundle(dir),
      'bundle_data_outside_roots',
      'data at "other" is outside the manifest roots',
    );
  });

  test('root data with keys only under the roots is accepted; others refused', async () => {
    await writeFile(join(dir, '.manifest'), '{"roots": ["a/b"]}');
    await writeFile(join(dir, 'data.json'), '{"a": {"b": {"c": 1}}}');
    expect((await readBundle(dir)).data).toEqual({ a: { b: { c: 1 } } });
    await writeFile(join(dir, 'data.json'), '{"a": {"z": 1}}');
    await expectCode(readBundle(dir), 'bundle_data_outside_roots', '"a/z"');
  });

  test('conflicting data is refused', async () => {
    await mkdir(join(dir, 'a'));
    await writeFile(join(dir, 'data.json'), '{"a": {"k": 1}}');
    await writeFile(join(dir, 'a', 'data.json'), '{"k": 2}');
    await expectCode(readBundle(dir), 'bundle_data_conflict', 'data at "a/k" is defined more than once');
  });

  test('unparseable data names the file', async () => {
    await writeFile(join(dir, 'data.json'), '{nope');
    await expectCode(readBundle(dir), 'bundle_data_invalid', '/data.json');
  });
});

describe('manifest validation', () => {
  const cases: [string, string, string][] = [
    ['not JSON', '{', 'not valid JSON'],
    ['revision type', '{"revision": 3}', '"revision" must be a string'],
    ['roots type', '{"roots": "a"}', '"roots" must be an array of strings'],
    ['overlapping roots', '{"roots": ["a", "a/b"]}', 'roots "a" and "a/b" overlap'],
    ['wasm shape', '{"wasm": [{"entrypoint": 1}]}', '"wasm[0]"'],
    ['rego_version', '{"rego_version": 7}', '"rego_version" must be 0 or 1'],
    ['metadata', '{"metadata": []}', '"metadata" must be an object'],
  ];
  test.each(cases)('%s', async (_name, manifest, message) => {
    await writeFile(join(dir, '.manifest'), manifest);
    await expectCode(readBundle(dir), 'bundle_manifest_invalid', message);
  });

  test('a wasm resolver naming a missing module is refused', async () => {
    await writeFile(join(dir, '.manifest'), '{"wasm": [{"entrypoint": "a/b", "module": "/policy.wasm"}]}');
    await expectCode(readBundle(dir), 'bundle_wasm_missing', '"a/b"');
  });

  test('a missing source and a corrupt archive have their own codes', async () => {
    await expectCode(readBundle(join(dir, 'nope.tar.gz')), 'bundle_unreadable');
    await expectCode(readBundle(enc.encode('not gzip')), 'bundle_archive_invalid');
  });
});

describe('canonical hashing', () => {
  test('keys are sorted recursively and number text is kept', () => {
    expect(canonicalJson('{ "b": [1.50, {"z": 1, "a": null}], "a": "x\\u2028" }')).toBe(
      '{"a":"x\\u2028","b":[1.50,{"a":null,"z":1}]}',
    );
  });

  test('JSON files hash by value, other files by bytes', () => {
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(hashBundleFile('/data.json', enc.encode('{"b": 1, "a": 2}'))).toBe(sha('{"a":2,"b":1}'));
    expect(hashBundleFile('/.manifest', enc.encode('{"roots": [""], "revision": ""}'))).toBe(
      sha('{"revision":"","roots":[""]}'),
    );
    expect(hashBundleFile('/x/data.yaml', enc.encode('b: 1\na: [true]\n'))).toBe(sha('{"a":[true],"b":1}'));
    expect(hashBundleFile('/p.rego', enc.encode('package p\n'))).toBe(sha('package p\n'));
  });
});
