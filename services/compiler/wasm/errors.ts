import type { StmtLocation } from '../plan/ir.js';

/**
 * Why code generation stopped. Every one is a defect in the plan handed to
 * the generator, in the runtime it links against, or a feature it does not
 * support yet; none depends on the policy's input.
 */
export type WasmCodegenErrorCode =
  /** The runtime module (runtime.wasm) is missing or lacks a function the generator needs. */
  | 'wasm_runtime_error'
  /** A statement kind or shape the generator cannot lower. */
  | 'wasm_unsupported'
  /** A call to a function that is neither a planned function nor a declared builtin. */
  | 'wasm_undefined_function'
  /** The plan refers to something that does not exist (a string index, a file, a break target). */
  | 'wasm_invalid_plan'
  /** binaryen rejected the generated module. */
  | 'wasm_invalid_module';

/** A source position resolved against `static.files`. */
export interface WasmCodegenLocation {
  file: string;
  row: number;
  col: number;
}

export class WasmCodegenError extends Error {
  readonly code: WasmCodegenErrorCode;
  readonly location?: WasmCodegenLocation;

  constructor(code: WasmCodegenErrorCode, message: string, location?: WasmCodegenLocation) {
    super(
      location
        ? `${location.file}:${location.row}:${location.col}: ${code}: ${message}`
        : `${code}: ${message}`,
    );
    this.name = 'WasmCodegenError';
    this.code = code;
    this.location = location;
  }
}

/** Resolves a statement's file index; an unknown index still gives a readable location. */
export function locate(files: readonly { value: string }[], stmt: StmtLocation): WasmCodegenLocation {
  const file = files[stmt.file]?.value ?? `<file ${stmt.file}>`;
  return { file, row: stmt.row, col: stmt.col };
}
