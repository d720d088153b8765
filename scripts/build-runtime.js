// Builds the AssemblyScript WASM runtime (services/compiler/wasm/runtime/assembly) into
// services/compiler/wasm/runtime/build/runtime.wasm and runtime.wat.
// Usage: node scripts/build-runtime.js          (always rebuilds)
//        import { buildRuntime } from '.../scripts/build-runtime.js'; await buildRuntime();  (rebuilds when stale)
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RUNTIME_DIR = join(ROOT, 'services/compiler/wasm/runtime');
export const RUNTIME_SOURCE_DIR = join(RUNTIME_DIR, 'assembly');
export const RUNTIME_WASM_PATH = join(RUNTIME_DIR, 'build/runtime.wasm');
export const RUNTIME_WAT_PATH = join(RUNTIME_DIR, 'build/runtime.wat');

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/** True when runtime.wasm is missing or older than a source file (or this script). */
export function runtimeIsStale() {
  let built;
  try {
    built = statSync(RUNTIME_WASM_PATH).mtimeMs;
  } catch {
    return true;
  }
  const script = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  return Math.max(newestSourceTime(RUNTIME_SOURCE_DIR), script) > built;
}

/**
 * Compiles the runtime. Resolves to the path of runtime.wasm.
 * @param {{ force?: boolean }} [options] force: rebuild even when up to date (default false).
 */
export async function buildRuntime(options = {}) {
  if (!options.force && !runtimeIsStale()) return RUNTIME_WASM_PATH;
  mkdirSync(dirname(RUNTIME_WASM_PATH), { recursive: true });
  const args = [
    'assembly/index.ts',
    '--baseDir',
    RUNTIME_DIR,
    '--outFile',
    'build/runtime.wasm',
    '--textFile',
    'build/runtime.wat',
    // Plain memory only: no managed objects, no GC, no AS imports besides opa_abort.
    '--runtime',
    'stub',
    '--use',
    'abort=assembly/abort/asAbort',
    '--importMemory',
    '--initialMemory',
    '2',
    '--optimizeLevel',
    '3',
    '--shrinkLevel',
    '0',
    '--noAssert',
    // AS201 warns about usize/u32 mixing, which only matters for a 64-bit target; this runtime is wasm32 by ABI.
    '--disableWarning',
    '201',
  ];
  let errors = '';
  const { error, stderr } = await asc.main(args, {
    stderr: {
      write: (chunk) => {
        errors += String(chunk);
        return true;
      },
    },
  });
  if (error) {
    const failure = new Error(
      `runtime build failed: ${error.message}\n${errors || stderr?.toString() || ''}`,
    );
    failure.code = 'runtime_build_error';
    throw failure;
  }
  return RUNTIME_WASM_PATH;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildRuntime({ force: true }).then(
    (path) => console.log(`built ${path}`),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
