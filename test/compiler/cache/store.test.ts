import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompileCache, cacheKey, compileCacheDir } from '../../../services/compiler/cache/index.js';
import { compilerIdOf } from '../../../services/compiler/cache/compiler-id.js';

const DAY = 24 * 60 * 60 * 1000;
const tmp = () => mkdtempSync(join(tmpdir(), 'pc-cache-'));
const wasm = (n: number, fill = 1) => new Uint8Array(n).fill(fill);
const entryFile = (dir: string, key: string) => join(dir, key.slice(0, 2), key);

describe('cacheKey', () => {
  it('hashes its parts in order and by length, so parts cannot run into each other', () => {
    expect(cacheKey(['ab', 'c'])).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey(['ab', 'c'])).toBe(cacheKey(['ab', 'c']));
    expect(cacheKey(['ab', 'c'])).not.toBe(cacheKey(['a', 'bc']));
    expect(cacheKey(['c', 'ab'])).not.toBe(cacheKey(['ab', 'c']));
  });
});

describe('CompileCache', () => {
  it('gives back what was put, meta and module', () => {
    const cache = new CompileCache({ dir: tmp() });
    const key = cacheKey(['one']);
    expect(cache.get(key)).toBeUndefined();
    expect(cache.put(key, { meta: { tests: ['a'], n: 1 }, wasm: wasm(10, 7) })).toBe(true);
    const hit = cache.get<{ tests: string[]; n: number }>(key);
    expect(hit?.meta).toEqual({ tests: ['a'], n: 1 });
    expect([...hit!.wasm]).toEqual([...wasm(10, 7)]);
  });

  it('reads a damaged entry as a miss and removes it', () => {
    const dir = tmp();
    const cache = new CompileCache({ dir });
    const key = cacheKey(['damaged']);
    cache.put(key, { meta: {}, wasm: wasm(100) });
    const bytes = readFileSync(entryFile(dir, key));
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(entryFile(dir, key), bytes);
    expect(cache.get(key)).toBeUndefined();
    expect(readdirSync(join(dir, key.slice(0, 2)))).toEqual([]);
    // A header that still reads as JSON, but is not what was written.
    cache.put(key, { meta: { tests: ['test_a'] }, wasm: wasm(100) });
    const text = readFileSync(entryFile(dir, key)).toString('latin1');
    writeFileSync(entryFile(dir, key), Buffer.from(text.replace('test_a', 'test_b'), 'latin1'));
    expect(cache.get(key)).toBeUndefined();
    // Cut short, or not an entry at all.
    cache.put(key, { meta: {}, wasm: wasm(100) });
    writeFileSync(entryFile(dir, key), readFileSync(entryFile(dir, key)).subarray(0, 20));
    expect(cache.get(key)).toBeUndefined();
    writeFileSync(entryFile(dir, key), 'hello');
    expect(cache.get(key)).toBeUndefined();
  });

  it('never fails the command: an unwritable directory is a cache that keeps nothing', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), '');
    // A directory path that runs through a file: every write fails, whoever runs the test.
    const cache = new CompileCache({ dir: join(dir, 'file', 'cache') });
    const key = cacheKey(['x']);
    expect(cache.put(key, { meta: {}, wasm: wasm(1) })).toBe(false);
    expect(cache.get(key)).toBeUndefined();
  });

  it('refuses a key that is not a hash, so no path can leave the directory', () => {
    const cache = new CompileCache({ dir: tmp() });
    expect(() => cache.get('../../etc/passwd')).toThrow('not a cache key');
  });

  it('trims entries unused for maxAgeMs, and the least recently used past maxBytes', () => {
    const dir = tmp();
    let now = 100 * DAY;
    const cache = new CompileCache({ dir, maxAgeMs: 7 * DAY, maxBytes: 2500, now: () => now });
    const keys = ['old', 'a', 'b', 'c'].map((k) => cacheKey([k]));
    for (const key of keys) cache.put(key, { meta: {}, wasm: wasm(1000) });
    const setUsed = (key: string, at: number) => utimesSync(entryFile(dir, key), at / 1000, at / 1000);
    setUsed(keys[0], now - 8 * DAY);
    setUsed(keys[1], now - 3 * DAY);
    setUsed(keys[2], now - 2 * DAY);
    setUsed(keys[3], now - 1 * DAY);
    // A read counts as a use: b becomes the most recently used.
    expect(cache.get(keys[2])).toBeDefined();
    now += 1000;
    cache.trim();
    const left = keys.filter((key) => cache.get(key) !== undefined);
    // old is too old; of a, b and c (1 kB each) only two fit in 2.5 kB, and a was used least recently.
    expect(left).toEqual([keys[2], keys[3]]);
  });

  it('trims by itself after a write at most once an hour', () => {
    const dir = tmp();
    let now = 10 * DAY;
    const cache = new CompileCache({ dir, maxAgeMs: DAY, now: () => now });
    const stale = cacheKey(['stale']);
    cache.put(stale, { meta: {}, wasm: wasm(1) });
    utimesSync(entryFile(dir, stale), (now - 2 * DAY) / 1000, (now - 2 * DAY) / 1000);
    now += 60_000;
    cache.put(cacheKey(['fresh']), { meta: {}, wasm: wasm(1) });
    // The first write trimmed (no marker yet); this one is within the hour.
    expect(readdirSync(join(dir, stale.slice(0, 2)))).toEqual([stale]);
    now += 2 * 60 * 60 * 1000;
    cache.put(cacheKey(['later']), { meta: {}, wasm: wasm(1) });
    expect(readdirSync(join(dir, stale.slice(0, 2)))).toEqual([]);
  });
});

describe('where the cache lives', () => {
  it('PORTCULLIS_CACHE_DIR, off, XDG_CACHE_HOME, ~/.cache', () => {
    expect(compileCacheDir({ PORTCULLIS_CACHE_DIR: '/x/c' })).toBe('/x/c');
    expect(compileCacheDir({ PORTCULLIS_CACHE_DIR: 'off', XDG_CACHE_HOME: '/x' })).toBeUndefined();
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/portcullis');
    expect(compileCacheDir({})).toMatch(/\/\.cache\/portcullis$/);
  });
});

describe('compiler identity', () => {
  it('changes with any compiler file and with the runtime, so no entry outlives its compiler', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'plan'));
    writeFileSync(join(dir, 'index.js'), 'export {}');
    writeFileSync(join(dir, 'plan', 'planner.js'), 'export const a = 1;');
    writeFileSync(join(dir, 'notes.md'), 'not code');
    const runtime = join(dir, 'runtime.wasm');
    writeFileSync(runtime, 'v1');
    const first = compilerIdOf(dir, runtime);
    expect(compilerIdOf(dir, runtime)).toBe(first);
    writeFileSync(join(dir, 'notes.md'), 'still not code');
    expect(compilerIdOf(dir, runtime)).toBe(first);
    writeFileSync(join(dir, 'plan', 'planner.js'), 'export const a = 2;');
    const changed = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'plan', 'planner.js'), changed, changed);
    const second = compilerIdOf(dir, runtime);
    expect(second).not.toBe(first);
    writeFileSync(runtime, 'v2');
    expect(compilerIdOf(dir, runtime)).not.toBe(second);
  });
});
