/**
 * Mutation fuzzing of the bundle reader. Valid archives (our writer, the
 * `tar` package, hand-built GNU and PAX forms) are truncated, bit-flipped,
 * given hostile header fields and huge sizes, and their gzip layer is
 * corrupted. Invariant: every archive either loads whole or is refused with
 * a bundle error code; nothing else is thrown, and a load never holds more
 * than the configured uncompressed limit.
 *
 * Modes as test/support/fuzz.ts sets them: short with a fixed seed in
 * `npm test` (a few seconds), `PORTCULLIS_FUZZ=long` for nightly length
 * (fresh seed, bounded by `PORTCULLIS_FUZZ_SECONDS`). fast-check prints the
 * seed and the mutations of a failure (plain data, see support/mutations.ts);
 * `PORTCULLIS_FUZZ_SEED=<seed>` replays a run. Every failure found becomes a
 * case in archive-regressions.test.ts.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import * as tarPackage from 'tar';
import { writeBundle } from '../../services/bundle/index.js';
import { LIMIT, readOutcome } from './support/outcome.js';
import { FUZZ_LONG, fuzzOptions, fuzzTimeout } from '../support/fuzz.js';
import { applyMutations, type Mutation } from './support/mutations.js';
import { BLOCK, fileEntry, gnuLongName, header, paxEntry, tar } from './support/tar-bytes.js';

/** Short mode: this many runs with a fixed seed, so every `npm test` checks the same archives. */
const SHORT_RUNS = 250;
const seeds: { name: string; tar: Uint8Array }[] = [];

beforeAll(async () => {
  const ours = await writeBundle({
    manifest: {
      revision: 'r1',
      roots: ['app', 'lib'],
      wasm: [{ entrypoint: 'app/allow', module: '/policy.wasm' }],
    },
    data: { app: { users: ['alice', 'bob'], limits: { max: 10 } } },
    rego: [{ path: `/lib/${'nested/'.repeat(20)}policy.rego`, text: 'package lib\n\nallow := true\n' }],
    wasm: [{ path: '/policy.wasm', bytes: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) }],
  });
  seeds.push({ name: 'our writer', tar: new Uint8Array(gunzipSync(ours)) });

  const dir = await mkdtemp(join(tmpdir(), 'pc-fuzz-'));
  try {
    const deep = join(dir, 'src', 'app', 'a'.repeat(70), 'b'.repeat(70));
    await mkdir(deep, { recursive: true });
    await writeFile(join(dir, 'src', '.manifest'), '{"revision": "t", "roots": ["app"]}');
    await writeFile(join(deep, 'data.json'), '{"deep": [1, 2, 3]}');
    await writeFile(join(dir, 'src', 'app', 'data.yaml'), 'k: v\n');
    await tarPackage.c({ gzip: true, file: join(dir, 'b.tar.gz'), cwd: join(dir, 'src') }, ['.']);
    seeds.push({
      name: 'tar package',
      tar: new Uint8Array(gunzipSync(await readFile(join(dir, 'b.tar.gz')))),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  seeds.push({
    name: 'GNU and PAX forms',
    tar: tar(
      header({ name: 'app/', type: '5', size: 0 }),
      fileEntry('/.manifest', '{"revision": "g", "roots": ["app"]}'),
      gnuLongName(`app/${'g'.repeat(120)}/data.json`),
      fileEntry('short', '{"gnu": true}'),
      paxEntry({ path: `app/${'p'.repeat(120)}/data.json`, mtime: '1.5' }),
      fileEntry('other', '{"pax": true}'),
      fileEntry('data.json', '{"x": 1}', { prefix: 'app/prefixed' }),
    ),
  });

  for (const seed of seeds) expect(await readOutcome(gzipSync(seed.tar))).toMatch(/^loaded /);
});

const hostileText = fc.oneof(
  fc.constantFrom(
    '..',
    '../x',
    '../../etc/passwd',
    '/',
    '',
    '\0',
    '.',
    'C:',
    '//host/share',
    '\\..\\x',
    '77777777777',
    '99999999999',
    '-1',
    '0',
    ' ',
    '1',
    '2',
    '3',
    '5',
    '6',
    'g',
    'x',
    'L',
    'K',
    'S',
    'V',
    'ustar\0',
    'ustar  \0',
    '\x80\0\0\0\xff\xff\xff\xff\xff\xff\xff\xff',
    '\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff',
  ),
  fc.string({ maxLength: 120 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('flip' as const),
    bits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 16 }),
  }),
  fc.record({
    kind: fc.constant('field' as const),
    entry: fc.nat(),
    field: fc.nat(),
    value: hostileText,
    fixChecksum: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('size' as const),
    entry: fc.nat(),
    size: fc.constantFrom(LIMIT + 1, 2 ** 33 - 1, 0o77777777777, 1e15),
  }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    from: fc.nat(),
    block: fc.option(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: BLOCK, maxLength: BLOCK })),
  }),
  fc.record({
    kind: fc.constant('gzip' as const),
    how: fc.constantFrom('flip', 'truncate', 'crc', 'isize', 'append', 'header'),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
    extra: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
  }),
);

test(
  `every mutated archive loads whole or is refused with a code${FUZZ_LONG ? ' (long mode)' : ''}`,
  async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (which, steps) => {
        const seed = seeds[which % seeds.length];
        const outcome = await readOutcome(applyMutations(seed.tar, steps, 4 * LIMIT));
        const key = outcome.startsWith('loaded') ? 'loaded' : outcome;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }),
      { ...fuzzOptions(SHORT_RUNS), endOnFailure: true },
    );
    // The campaign reaches both sides of the invariant.
    expect(outcomes.get('bundle_archive_invalid')).toBeGreaterThan(0);
    expect([...outcomes.keys()].some((k) => k !== 'bundle_archive_invalid')).toBe(true);
  },
  fuzzTimeout(120_000),
);
