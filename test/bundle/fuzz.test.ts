/**
 * Mutation fuzzing of the bundle reader. Valid archives (our writer, the
 * `tar` package, hand-built GNU and PAX forms) are truncated, bit-flipped,
 * given hostile header fields and huge sizes, and their gzip layer is
 * corrupted. Invariant: every archive either loads whole or is refused with
 * a bundle error code; nothing else is thrown, and a load never holds more
 * than the configured uncompressed limit.
 *
 * Short by default (a few seconds in `npm test`); `PORTCULLIS_FUZZ=long`
 * runs a nightly-length campaign. fast-check prints the seed and path of a
 * failure; `PORTCULLIS_FUZZ_SEED=<seed>` replays a run. Every failure found
 * becomes a case in archive-regressions.test.ts.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import * as tarPackage from 'tar';
import { writeBundle } from '../../services/bundle/index.js';
import { LIMIT, readOutcome } from './support/outcome.js';
import { BLOCK, fileEntry, gnuLongName, header, paxEntry, tar } from './support/tar-bytes.js';

const LONG = process.env.PORTCULLIS_FUZZ === 'long';
const SEED = process.env.PORTCULLIS_FUZZ_SEED ? Number(process.env.PORTCULLIS_FUZZ_SEED) : undefined;
const RUNS = LONG ? 200_000 : 250;
/** Generous: the short mode takes seconds; only a hang or the long mode comes near it. */
const JEST_TIMEOUT_MS = LONG ? 6 * 60 * 60 * 1000 : 120_000;
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

/** Offsets of the headers of a well-formed tar (walked by their size fields). */
function headerOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let at = 0; at + BLOCK <= bytes.length;) {
    const block = bytes.subarray(at, at + BLOCK);
    if (block.every((b) => b === 0)) break;
    out.push(at);
    const size =
      parseInt(Buffer.from(block.subarray(124, 136)).toString('latin1').replace(/\0.*$/s, ''), 8) || 0;
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return out;
}

const FIELDS = [
  { at: 0, length: 100 }, // name
  { at: 100, length: 8 }, // mode
  { at: 124, length: 12 }, // size
  { at: 148, length: 8 }, // checksum
  { at: 156, length: 1 }, // type flag
  { at: 157, length: 100 }, // link name
  { at: 257, length: 8 }, // magic and version
  { at: 345, length: 155 }, // prefix
];

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

/** One mutation of an archive: of its tar, then gzipped, or of the gzip bytes themselves. */
type Mutation = (tarBytes: Uint8Array) => Uint8Array;

const truncateTar = fc.nat().map<Mutation>((n) => (t) => gzipSync(t.subarray(0, n % (t.length + 1))));

const flipTarBits = fc
  .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 16 })
  .map<Mutation>((flips) => (t) => {
    const copy = new Uint8Array(t);
    for (const [at, bit] of flips) copy[at % copy.length] ^= 1 << bit;
    return gzipSync(copy);
  });

const mutateField = fc
  .record({ entry: fc.nat(), field: fc.nat(), value: hostileText, fixChecksum: fc.boolean() })
  .map<Mutation>(({ entry, field, value, fixChecksum }) => (t) => {
    const copy = new Uint8Array(t);
    const offsets = headerOffsets(copy);
    if (offsets.length === 0) return gzipSync(copy);
    const at = offsets[entry % offsets.length];
    const { at: fieldAt, length } = FIELDS[field % FIELDS.length];
    copy.fill(0, at + fieldAt, at + fieldAt + length);
    copy.set(Buffer.from(value, 'latin1').subarray(0, length), at + fieldAt);
    if (fixChecksum) {
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : copy[at + i];
      copy.set(Buffer.from(sum.toString(8).padStart(6, '0') + '\0 ', 'latin1'), at + 148);
    }
    return gzipSync(copy);
  });

const hugeSize = fc
  .record({ entry: fc.nat(), size: fc.constantFrom(LIMIT + 1, 2 ** 33 - 1, 0o77777777777, 1e15) })
  .map<Mutation>(({ entry, size }) => (t) => {
    const copy = new Uint8Array(t);
    const offsets = headerOffsets(copy);
    if (offsets.length === 0) return gzipSync(copy);
    const at = offsets[entry % offsets.length];
    const text = size.toString(8);
    if (text.length <= 11) copy.set(Buffer.from(text.padStart(11, '0') + '\0', 'latin1'), at + 124);
    else {
      // GNU base-256: the high bit of the first byte set, the number big-endian in the rest.
      const field = Buffer.alloc(12);
      field.writeBigUInt64BE(BigInt(size), 4);
      field[0] = 0x80;
      copy.set(field, at + 124);
    }
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : copy[at + i];
    copy.set(Buffer.from(sum.toString(8).padStart(6, '0') + '\0 ', 'latin1'), at + 148);
    return gzipSync(copy);
  });

const spliceBlocks = fc
  .record({
    at: fc.nat(),
    from: fc.nat(),
    random: fc.uint8Array({ minLength: BLOCK, maxLength: BLOCK }),
    useRandom: fc.boolean(),
  })
  .map<Mutation>(({ at, from, random, useRandom }) => (t) => {
    const blocks = t.length / BLOCK;
    const where = (at % (blocks + 1)) * BLOCK;
    const source = (from % blocks) * BLOCK;
    const inserted = useRandom ? random : t.subarray(source, source + BLOCK);
    return gzipSync(Buffer.concat([t.subarray(0, where), inserted, t.subarray(where)]));
  });

const corruptGzip = fc
  .record({
    kind: fc.constantFrom('flip', 'truncate', 'crc', 'isize', 'append', 'header'),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
    extra: fc.uint8Array({ maxLength: 64 }),
  })
  .map<Mutation>(({ kind, at, byte, extra }) => (t) => {
    const gz = new Uint8Array(gzipSync(t));
    switch (kind) {
      case 'flip':
        gz[at % gz.length] ^= byte || 1;
        return gz;
      case 'truncate':
        return gz.subarray(0, at % gz.length);
      case 'crc':
        gz[gz.length - 8 + (at % 4)] ^= byte || 1;
        return gz;
      case 'isize':
        gz[gz.length - 4 + (at % 4)] ^= byte || 1;
        return gz;
      case 'append':
        return Buffer.concat([gz, extra]);
      case 'header':
        gz[at % 10] = byte;
        return gz;
    }
  });

const mutations = fc.array(
  fc.oneof(truncateTar, flipTarBits, mutateField, hugeSize, spliceBlocks, corruptGzip),
  { minLength: 1, maxLength: 3 },
);

/** Applies the mutations in turn: each after the first starts from the previous result's tar, when it still inflates. */
function mutate(seed: Uint8Array, steps: Mutation[]): Uint8Array {
  let tarBytes = seed;
  let gz: Uint8Array = gzipSync(seed);
  for (const step of steps) {
    gz = step(tarBytes);
    try {
      const inflated = gunzipSync(gz, { maxOutputLength: 4 * LIMIT });
      if (inflated.length % BLOCK !== 0) break;
      tarBytes = new Uint8Array(inflated);
    } catch {
      break;
    }
  }
  return gz;
}

test(
  `every mutated archive loads whole or is refused with a code (${RUNS} runs${LONG ? ', long mode' : ''})`,
  async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutations, async (which, steps) => {
        const seed = seeds[which % seeds.length];
        const outcome = await readOutcome(mutate(seed.tar, steps));
        const key = outcome.startsWith('loaded') ? 'loaded' : outcome;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // The campaign reaches both sides of the invariant.
    expect(outcomes.get('bundle_archive_invalid')).toBeGreaterThan(0);
    expect([...outcomes.keys()].some((k) => k !== 'bundle_archive_invalid')).toBe(true);
  },
  JEST_TIMEOUT_MS,
);
