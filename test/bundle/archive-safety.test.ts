/**
 * Hostile archives, built byte by byte: every entry that could name a place
 * outside the bundle, or is not a regular file, refuses the whole bundle
 * with `bundle_archive_invalid` naming the entry, whichever header form
 * carries it.
 */
import { gzipSync } from 'node:zlib';
import { readBundle, readTarGz } from '../../services/bundle/index.js';
import { BundleError } from '../../services/bundle/errors.js';
import { body, fileEntry, gnuLongName, header, paxEntry, tar, tarGz } from './support/tar-bytes.js';

const manifest = fileEntry('/.manifest', '{"revision": "r1", "roots": ["app"]}');
const data = fileEntry('/app/data.json', '{"ok": true}');

function refusal(bytes: Uint8Array): BundleError {
  try {
    readTarGz(bytes, 'hostile.tar.gz');
  } catch (err) {
    expect(err).toBeInstanceOf(BundleError);
    return err as BundleError;
  }
  throw new Error('the archive was accepted');
}

describe('archives OPA writes, and the forms a plain tar writes, load', () => {
  test('leading "/" and "./" name the bundle root; directories are skipped', async () => {
    const bytes = tarGz(
      header({ name: './', type: '5', size: 0 }),
      header({ name: './app/', type: '5', size: 0 }),
      manifest,
      fileEntry('./app/x/data.json', '{"x": 1}'),
      data,
    );
    const bundle = await readBundle(bytes);
    expect(bundle.manifest.revision).toBe('r1');
    expect(bundle.data).toEqual({ app: { ok: true, x: { x: 1 } } });
  });

  test('a long name in the ustar prefix, a PAX path and a GNU long name are read as their full names', () => {
    const deep = `app/${'d'.repeat(120)}`;
    const files = readTarGz(
      tarGz(
        fileEntry('data.json', '1', { prefix: deep }),
        paxEntry({ path: `/${deep}/pax/data.json` }),
        fileEntry('ignored-name', '2'),
        gnuLongName(`/${deep}/gnu/data.json`),
        fileEntry('ignored-too', '3'),
      ),
      't',
    );
    expect(files.map((f) => [f.path, Buffer.from(f.bytes).toString()])).toEqual([
      [`/${deep}/data.json`, '1'],
      [`/${deep}/pax/data.json`, '2'],
      [`/${deep}/gnu/data.json`, '3'],
    ]);
  });

  test('an archive of end blocks only is an empty bundle', () => {
    expect(readTarGz(tarGz(), 't')).toEqual([]);
  });
});

describe('".." and paths outside the root refuse the whole archive, naming the entry', () => {
  test.each([
    ['a plain name', [fileEntry('../evil.json', '{}')], '"../evil.json" has a ".." segment'],
    ['a name that climbs back', [fileEntry('app/../../evil/data.json', '{}')], '"app/../../evil/data.json"'],
    ['a name ending in ..', [header({ name: 'app/..', type: '5', size: 0 })], '"app/.." has a ".." segment'],
    ['backslashes', [fileEntry('app\\..\\..\\data.json', '{}')], 'has a ".." segment'],
    [
      'the ustar prefix field',
      [fileEntry('data.json', '{}', { prefix: '../../etc' })],
      '"../../etc/data.json" has a ".." segment',
    ],
    [
      'a PAX path record',
      [paxEntry({ path: '../../etc/app/data.json' }), fileEntry('app/data.json', '{}')],
      '"../../etc/app/data.json" has a ".." segment',
    ],
    [
      'a GNU long name',
      [gnuLongName(`app/${'x'.repeat(120)}/../../../evil.json`), fileEntry('short', '{}')],
      'has a ".." segment',
    ],
    [
      'a drive letter',
      [fileEntry('C:/Windows/app/data.json', '{}')],
      '"C:/Windows/app/data.json" starts with a drive letter',
    ],
    ['a network path', [fileEntry('//server/share/data.json', '{}')], 'is a network path'],
    [
      'a NUL byte in a PAX path',
      [paxEntry({ path: 'app/data.json\0../../x' }), fileEntry('app/data.json', '{}')],
      'has a NUL byte inside a value',
    ],
    [
      'a NUL byte inside a GNU long name',
      [gnuLongName('app/data.json\0../../x'), fileEntry('short', '{}')],
      'has a NUL byte inside a value',
    ],
  ])('%s', (_form, entries, named) => {
    const err = refusal(tarGz(manifest, ...entries, data));
    expect(err.code).toBe('bundle_archive_invalid');
    expect(err.message).toContain(named);
    expect(err.message).toContain('hostile.tar.gz');
  });
});

describe('entries that are not regular files refuse the whole archive', () => {
  test.each([
    [
      'a symbolic link',
      header({ name: 'app/data.json', type: '2', linkname: '/etc/passwd', size: 0 }),
      'is a symbolic link to "/etc/passwd"',
    ],
    [
      'a hard link',
      header({ name: 'app/other.json', type: '1', linkname: 'app/data.json', size: 0 }),
      'is a hard link to "app/data.json"',
    ],
    ['a character device', header({ name: 'app/tty', type: '3', size: 0 }), 'is a character device'],
    ['a block device', header({ name: 'app/sda', type: '4', size: 0 }), 'is a block device'],
    ['a FIFO', header({ name: 'app/pipe', type: '6', size: 0 }), 'is a FIFO'],
    [
      'a GNU sparse file',
      header({ name: 'app/sparse.json', type: 'S', size: 0 }),
      'is an unsupported entry (type "S")',
    ],
    [
      'an unknown type',
      header({ name: 'app/odd.json', type: 'Z', size: 0 }),
      'is an entry of a type tar does not know',
    ],
  ])('%s', (_kind, entry, named) => {
    const err = refusal(tarGz(manifest, entry, data));
    expect(err.code).toBe('bundle_archive_invalid');
    expect(err.message).toContain(named);
    expect(err.message).toContain('regular files only');
  });

  test('a symbolic link under a GNU long name is named by its long name', () => {
    const long = `app/${'l'.repeat(150)}.json`;
    const err = refusal(
      tarGz(gnuLongName(long), header({ name: 'x', type: '2', linkname: '../../x', size: 0 })),
    );
    expect(err.message).toContain(JSON.stringify(long));
  });
});

describe('damaged archives are refused', () => {
  test('a header with a wrong checksum', () => {
    const err = refusal(tarGz(manifest, fileEntry('app/data.json', '{}', { checksumDelta: 1 })));
    expect(err.code).toBe('bundle_archive_invalid');
    expect(err.message).toContain('checksum');
  });

  test('a body shorter than its header says', () => {
    const bytes = new Uint8Array(
      gzipSync(Buffer.concat([header({ name: 'app/data.json', size: 4096 }), body('{}')])),
    );
    expect(refusal(bytes).message).toContain('Truncated');
  });

  test('a tar gzipped twice', () => {
    const twice = new Uint8Array(gzipSync(tarGz(manifest, data)));
    expect(refusal(twice).message).toContain('another compressed stream');
  });

  test('not a gzip at all', () => {
    const err = refusal(tar(manifest, data));
    expect(err.message).toContain('not a gzip archive');
  });
});
