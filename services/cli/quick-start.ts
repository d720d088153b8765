import { setFlagsFromString } from 'node:v8';

/**
 * For a command that compiles once and exits: WebAssembly runs on V8's
 * baseline compiler only. By default V8 also recompiles hot functions of
 * binaryen's 10 MB module with its optimising compiler in the background,
 * which costs more CPU than a one-shot compile of a small policy saves
 * (about half the CPU of `portcullis test` on a one-rule policy). Each
 * function is validated and compiled on its first call, not all of
 * binaryen's at load: a compile calls few of them (about 15% less CPU for
 * `test` of a one-rule policy). Modules we generate are still validated
 * whole (`WebAssembly.validate` ignores the flag) before they are run.
 * Long runs (`--watch`, `--bench`, the services) keep the default.
 * Must run before any WebAssembly module is compiled.
 */
export function baselineWasmOnly(): void {
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--wasm-lazy-compilation');
  setFlagsFromString('--wasm-lazy-validation');
}
