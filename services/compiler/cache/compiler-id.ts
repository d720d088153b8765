/**
 * The identity of the compiler that produced a cache entry, part of every
 * cache key: a change to any compiler file, to the runtime module or to the
 * libraries the compile uses makes every earlier entry unreachable.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot, runtimeWasmPath } from '../wasm/runtime-artifact.js';

/** Bump when the layout of what the cache stores changes. */
const FORMAT = 'portcullis-compile-cache-2';

/** Packages whose code runs inside a compile (binaryen emits the module, yaml reads METADATA). */
const COMPILE_PACKAGES = ['binaryen', 'yaml'];

/** services/compiler, as built (dist/) or as sources (under Jest). */
const COMPILER_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * Every compiler source file by path, size and modification time. Reading
 * their contents would cost several times more (~13 ms against ~4 ms for
 * 150 files) on every command; a build rewrites each file it changes, so
 * the times move with the contents. An installed package has the times npm
 * gives every file (all the same), so Portcullis' own version is part of
 * the identity too (see compilerIdOf).
 */
function fingerprintSources(hash: ReturnType<typeof createHash>, dir: string): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) fingerprintSources(hash, path);
    else if (/\.(js|ts)$/.test(entry.name)) {
      const { size, mtimeMs } = statSync(path);
      hash.update(`${path}\0${size}\0${mtimeMs}\n`);
    }
  }
}

/** The version in Portcullis' package.json. */
function portcullisVersion(): string {
  try {
    const file = join(projectRoot(), 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The identity of the compiler in `compilerDir` running `runtimePath`'s runtime. */
export function compilerIdOf(compilerDir: string, runtimePath: string): string {
  const hash = createHash('sha256');
  hash.update(`${FORMAT}\n${process.version}\n`);
  fingerprintSources(hash, compilerDir);
  // The runtime can be replaced (PORTCULLIS_RUNTIME_WASM) and is small: its bytes.
  try {
    hash.update(readFileSync(runtimePath));
  } catch {
    hash.update('no runtime');
  }
  const require = createRequire(import.meta.url);
  hash.update(`portcullis@${portcullisVersion()}\n`);
  for (const name of COMPILE_PACKAGES) {
    let version = 'missing';
    try {
      ({ version } = require(`${name}/package.json`) as { version: string });
    } catch {
      // The compile itself will say what is missing.
    }
    hash.update(`${name}@${version}\n`);
  }
  return hash.digest('hex');
}

let memo: string | undefined;

/** This compiler's identity (a hex SHA-256), computed once per process. */
export function compilerId(): string {
  memo ??= compilerIdOf(COMPILER_DIR, runtimeWasmPath());
  return memo;
}
