/**
 * The manifest's `rego_version` and `file_rego_versions`, read and written
 * as OPA's bundle format has them, and the version each file resolves to.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compileFileRegoVersions,
  fileRegoVersionsFor,
  readBundle,
  readTarGz,
  regoVersionForFile,
  writeBundle,
} from '../../services/bundle/index.js';
import { BundleError } from '../../services/bundle/errors.js';
import { globToRe2 } from '../../services/bundle/rego-versions.js';

const decoder = new TextDecoder();

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-rego-versions-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('file_rego_versions patterns (gobwas globs without separators)', () => {
  const manifest = {
    rego_version: 1,
    file_rego_versions: { '/legacy/*.rego': 0, 'old?.rego': 0, '/{lib,vendor}/[a-c]*.rego': 0 },
  };
  const cases: [string, number][] = [
    ['/legacy/a.rego', 0],
    ['/legacy/deep/b.rego', 0], // `*` crosses slashes: OPA compiles the patterns without separators
    ['/old1.rego', 0], // a pattern written without the leading slash still matches
    ['/old12.rego', 1],
    ['/lib/authz.rego', 0],
    ['/vendor/c.rego', 0],
    ['/vendor/d.rego', 1],
    ['/main.rego', 1],
  ];
  it.each(cases)('%s is Rego v%i', (path, version) => {
    expect(regoVersionForFile(manifest, path)).toBe(version);
  });

  it('falls back to the bundle version, then to the reader default', () => {
    expect(regoVersionForFile({ rego_version: 0 }, '/x.rego', 1)).toBe(0);
    expect(regoVersionForFile({}, '/x.rego', 0)).toBe(0);
    expect(regoVersionForFile({}, '/x.rego')).toBe(1);
  });

  it('tries patterns in sorted order, so key order does not decide', () => {
    const a = compileFileRegoVersions({ '/a/*': 0, '/*': 1 });
    const b = compileFileRegoVersions({ '/*': 1, '/a/*': 0 });
    expect(a.match('/a/x.rego')).toBe(b.match('/a/x.rego'));
  });

  it('escapes regex characters and keeps class members literal', () => {
    expect(globToRe2('/a.b+(c)/x-[a-]y\\*')).toBe('^/a\\.b\\+\\(c\\)/x-[a\\-]y\\*$');
    expect(compileFileRegoVersions({ '/a.rego': 0 }).match('/aXrego')).toBeUndefined();
  });

  it('matching stays linear on hostile patterns (a backtracking engine would not return within the test timeout)', () => {
    const hostile = { [`${'*a'.repeat(40)}x`]: 0 };
    expect(compileFileRegoVersions(hostile).match(`/${'a'.repeat(5000)}.rego`)).toBeUndefined();
  });
});

describe('manifest rego versions on read and write', () => {
  it('round-trips rego_version and file_rego_versions, written in Go’s order with sorted keys', async () => {
    const bytes = await writeBundle({
      manifest: { wasm: [], rego_version: 1, file_rego_versions: { '/z.rego': 0, '/a/*.rego': 0 } },
      rego: [
        { path: 'a/old.rego', text: 'package a\np { true }\n' },
        { path: 'z.rego', text: 'package z\nq { true }\n' },
      ],
    });
    const manifestText = decoder.decode(readTarGz(bytes, 'x').find((f) => f.path === '/.manifest')!.bytes);
    expect(manifestText).toBe(
      '{"revision":"","roots":[""],"rego_version":1,"file_rego_versions":{"/a/*.rego":0,"/z.rego":0}}\n',
    );
    const bundle = await readBundle(bytes);
    expect(bundle.manifest.file_rego_versions).toEqual({ '/a/*.rego': 0, '/z.rego': 0 });
    expect(bundle.rego.map((r) => regoVersionForFile(bundle.manifest, r.path))).toEqual([0, 0]);
  });

  const invalid: [string, string, string][] = [
    ['not an object', '{"file_rego_versions": [1]}', '"file_rego_versions" must be an object'],
    ['a version other than 0 or 1', '{"file_rego_versions": {"/a.rego": 2}}', 'of "/a.rego" must be 0 or 1'],
    ['a malformed glob', '{"file_rego_versions": {"/a[.rego": 0}}', 'pattern "/a[.rego"'],
  ];
  it.each(invalid)('refuses %s with bundle_manifest_invalid', async (_name, manifest, message) => {
    await writeFile(join(dir, '.manifest'), manifest);
    const err = await readBundle(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).code).toBe('bundle_manifest_invalid');
    expect((err as BundleError).message).toContain(message);
  });

  it('records only the files whose syntax differs from the bundle’s, by absolute path', () => {
    expect(
      fileRegoVersionsFor(
        [
          { path: 'lib/old.rego', version: 0 },
          { path: '/main.rego', version: 1 },
        ],
        1,
      ),
    ).toEqual({ '/lib/old.rego': 0 });
    expect(fileRegoVersionsFor([{ path: 'main.rego', version: 1 }], 1)).toBeUndefined();
  });
});
