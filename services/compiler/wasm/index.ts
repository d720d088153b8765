/** IR → policy.wasm following OPA's WASM ABI 1.3, loadable by @open-policy-agent/opa-wasm. */
import type { Policy } from '../plan/ir.js';
import { generate } from './codegen.js';
import type { Optimization } from './module.js';
import { RUNTIME_NATIVES, type NativeTable } from './natives.js';
import { readRuntimeWasm } from './runtime-artifact.js';

export { ABI_MINOR_VERSION, ABI_VERSION } from './abi.js';
export { WasmCodegenError, type WasmCodegenErrorCode, type WasmCodegenLocation } from './errors.js';
export type { Optimization, OptimizeLevel } from './module.js';
export type { NativeBuiltin, NativeTable } from './natives.js';
export { readRuntimeWasm, runtimeWasmPath } from './runtime-artifact.js';

export interface GenerateWasmOptions {
  /**
   * The runtime module to link against.
   * @defaultValue the bytes of services/compiler/wasm/runtime/build/runtime.wasm
   */
  runtime?: Uint8Array;
  /**
   * Builtins the runtime implements natively; every other builtin is called on the host.
   * @defaultValue the runtime's own table
   */
  natives?: NativeTable;
  /**
   * `'prune'` removes the runtime code the policy does not reach; binaryen
   * levels (e.g. `{ optimize: 2, shrink: 1 }`) also optimise each generated
   * function, which makes the module a few percent smaller but costs a
   * second or more of compile time and does not change evaluation speed
   * (V8 optimises the code anyway); `false` emits the module unpruned.
   * @defaultValue `'prune'`
   */
  optimize?: Optimization;
}

export const DEFAULT_OPTIMIZE: Optimization = 'prune';

/** Compiles a planned policy to a policy.wasm module; throws WasmCodegenError. */
export function generateWasm(policy: Policy, options: GenerateWasmOptions = {}): Uint8Array {
  return generate({
    policy,
    runtime: options.runtime ?? readRuntimeWasm(),
    natives: options.natives ?? RUNTIME_NATIVES,
    optimize: options.optimize === undefined ? DEFAULT_OPTIMIZE : options.optimize,
  });
}
