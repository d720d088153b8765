/**
 * The cheapest module the opa-wasm SDK can evaluate: it follows the ABI the
 * SDK calls (version globals, `builtins`, `entrypoints`, heap pointer,
 * `opa_json_parse`/`opa_json_dump`, `opa_eval`) but does no work. Its
 * "values" are the JSON texts themselves, and `opa_eval` hands back one
 * constant result without reading the input. What `evaluate()` costs with
 * it is what the SDK costs around any compiled policy: no compiler's
 * output can be faster through the SDK.
 */
import binaryen from 'binaryen';

const RESULT_AT = 1024;
const BUILTINS_AT = 1100;
const ENTRYPOINTS_AT = 1110;
const HEAP_AT = 4096;

/** Bytes of a data segment string, NUL-terminated, escaped for WebAssembly text. */
function wasmString(text: string): string {
  return [...Buffer.from(`${text}\0`, 'utf8')].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
}

/** The module's bytes; `result` is the JSON text every evaluation returns. */
export function floorModule(entrypoint: string, result = '[{"result":true}]'): Uint8Array {
  const entrypoints = JSON.stringify({ [entrypoint]: 0 });
  if (ENTRYPOINTS_AT + entrypoints.length + 1 > HEAP_AT || RESULT_AT + result.length + 1 > BUILTINS_AT)
    throw new Error('floor module: entrypoint name or result too long');
  const text = `(module
  (import "env" "memory" (memory 2))
  (global (export "opa_wasm_abi_version") i32 (i32.const 1))
  (global (export "opa_wasm_abi_minor_version") i32 (i32.const 3))
  (global $heap (mut i32) (i32.const ${HEAP_AT}))
  (data (i32.const ${RESULT_AT}) "${wasmString(result)}")
  (data (i32.const ${BUILTINS_AT}) "${wasmString('{}')}")
  (data (i32.const ${ENTRYPOINTS_AT}) "${wasmString(entrypoints)}")
  (func (export "builtins") (result i32) (i32.const ${BUILTINS_AT}))
  (func (export "entrypoints") (result i32) (i32.const ${ENTRYPOINTS_AT}))
  (func (export "opa_heap_ptr_get") (result i32) (global.get $heap))
  (func (export "opa_heap_ptr_set") (param i32) (global.set $heap (local.get 0)))
  (func (export "opa_malloc") (param i32) (result i32)
    ;; one spare byte per block, for opa_json_parse's terminating NUL
    (global.get $heap)
    (global.set $heap (i32.add (global.get $heap) (i32.add (local.get 0) (i32.const 1)))))
  (func (export "opa_free") (param i32))
  (func (export "opa_json_dump") (param i32) (result i32) (local.get 0))
  (func (export "opa_json_parse") (param i32 i32) (result i32)
    (i32.store8 (i32.add (local.get 0) (local.get 1)) (i32.const 0))
    (local.get 0))
  (func (export "opa_eval") (param i32 i32 i32 i32 i32 i32 i32) (result i32)
    (global.set $heap (local.get 5))
    (i32.const ${RESULT_AT}))
)`;
  const m = binaryen.parseText(text);
  try {
    if (!m.validate()) throw new Error('floor module: invalid');
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}
