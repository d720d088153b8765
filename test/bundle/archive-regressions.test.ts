/**
 * Archives the fuzzing campaign (fuzz.test.ts) found mishandled, kept as
 * they were found. Each must be refused with a code, or load whole.
 */
import { gzipSync } from 'node:zlib';
import { readTarGz } from '../../services/bundle/index.js';
import { BundleError } from '../../services/bundle/errors.js';
import { readOutcome } from './support/outcome.js';
import { applyMutations, headerOffsets } from './support/mutations.js';
import { body, fileEntry, gnuLongName, header, paxEntry, tar } from './support/tar-bytes.js';

/** The "GNU and PAX forms" seed of fuzz.test.ts. */
function gnuAndPaxSeed(): Uint8Array {
  return tar(
    header({ name: 'app/', type: '5', size: 0 }),
    fileEntry('/.manifest', '{"revision": "g", "roots": ["app"]}'),
    gnuLongName(`app/${'g'.repeat(120)}/data.json`),
    fileEntry('short', '{"gnu": true}'),
    paxEntry({ path: `app/${'p'.repeat(120)}/data.json`, mtime: '1.5' }),
    fileEntry('other', '{"pax": true}'),
    fileEntry('data.json', '{"x": 1}', { prefix: 'app/prefixed' }),
  );
}

describe('found while fixing what fuzzing found', () => {
  test('a PAX path holding a newline, which tar would drop in favour of the ustar name, is refused', () => {
    const bytes = new Uint8Array(
      gzipSync(tar(paxEntry({ path: 'app/evil\n/data.json' }), fileEntry('app/innocent/data.json', '{}'))),
    );
    expect(() => readTarGz(bytes, 't')).toThrow(/malformed record/);
  });

  test('PAX records with lengths that do not add up are refused', () => {
    const text = '30 path=app/data.json\n';
    const bytes = new Uint8Array(
      gzipSync(
        tar(header({ name: 'PaxHeader', type: 'x', size: text.length }), body(text), fileEntry('x', '{}')),
      ),
    );
    expect(() => readTarGz(bytes, 't')).toThrow(/malformed record/);
  });
});

describe('found by fuzzing', () => {
  test('a PAX header retyped as an old GNU long name (N) names the next file with its records, newlines and all', async () => {
    // Seed 2 with mutation {kind: field, entry: 67876176, field: 494334452, value: "N'uv", fixChecksum: true}
    // (seed -142983897 of the long campaign): the fifth header's type flag becomes 'N'.
    const seed = gnuAndPaxSeed();
    expect(headerOffsets(seed)).toHaveLength(7);
    const bytes = applyMutations(
      seed,
      [{ kind: 'field', entry: 67876176, field: 494334452, value: "N'uv", fixChecksum: true }],
      1 << 20,
    );
    // Loaded, the file's name held a newline: written back as a PAX record, tar read another name.
    expect(await readOutcome(bytes)).toBe('bundle_archive_invalid');
    expect(() => readTarGz(bytes, 'found')).toThrow(/has a control character/);
  });

  test('control characters in any name form refuse the archive', () => {
    for (const name of ['app/a\nb/data.json', 'app/tab\there.json', 'app/\u007f.json', 'app/cr\r.json']) {
      for (const entries of [
        fileEntry(name, '{}'),
        [...paxEntry({ path: name.replace('\n', '_') + '\u0001' }), ...fileEntry('x', '{}')],
        [...gnuLongName(`${name}${'x'.repeat(100)}`), ...fileEntry('y', '{}')],
      ]) {
        let refused: unknown;
        try {
          readTarGz(new Uint8Array(gzipSync(tar(entries))), 't');
        } catch (err) {
          refused = err;
        }
        expect(refused).toBeInstanceOf(BundleError);
        expect((refused as BundleError).code).toBe('bundle_archive_invalid');
      }
    }
  });
});
