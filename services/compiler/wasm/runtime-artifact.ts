/**
 * Where the compiled runtime (services/compiler/wasm/runtime/build/runtime.wasm)
 * is, and reading it once per build of the file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { WasmCodegenError } from './errors.js';

const RUNTIME_RELATIVE_PATH = join('services', 'compiler', 'wasm', 'runtime', 'build', 'runtime.wasm');

/** The project root: the nearest directory above this file with a package.json. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new WasmCodegenError('wasm_runtime_error', 'cannot find the project root');
    dir = parent;
  }
  return dir;
}

export function runtimeWasmPath(): string {
  return process.env.PORTCULLIS_RUNTIME_WASM ?? join(projectRoot(), RUNTIME_RELATIVE_PATH);
}

let cached: { path: string; mtimeMs: number; bytes: Uint8Array } | undefined;

export function readRuntimeWasm(path = runtimeWasmPath()): Uint8Array {
  if (!existsSync(path)) {
    throw new WasmCodegenError(
      'wasm_runtime_error',
      `${path} does not exist; build it with "node scripts/build-runtime.js"`,
    );
  }
  const { mtimeMs } = statSync(path);
  if (cached?.path !== path || cached.mtimeMs !== mtimeMs) {
    cached = { path, mtimeMs, bytes: new Uint8Array(readFileSync(path)) };
  }
  return cached.bytes;
}
