/**
 * The only file that talks to binaryen: a small typed wrapper with just the
 * operations the code generator needs. Every value the generated code
 * handles is an i32 (a value pointer, 0 meaning undefined) except the i64
 * argument of `opa_number_int`, so locals are all i32.
 */
import type binaryenTypes from 'binaryen';
import binaryen from './binaryen.js';

import { WasmCodegenError } from './errors.js';

/** A binaryen expression reference. */
export type Expr = number;

export type ResultType = 'i32' | 'none';

/** How hard binaryen works on each generated function. */
export interface OptimizeLevel {
  /** binaryen's optimize level (0-4). */
  optimize: number;
  /** binaryen's shrink level (0-2). */
  shrink: number;
}

/**
 * What happens to the finished module: `false`, nothing; `'prune'`, the
 * runtime code the policy does not reach is removed; a level, binaryen also
 * optimises every generated function first.
 */
export type Optimization = OptimizeLevel | 'prune' | false;

function resultType(t: ResultType): number {
  return t === 'i32' ? binaryen.i32 : binaryen.none;
}

function i32Params(count: number): number {
  return count === 0 ? binaryen.none : binaryen.createType(new Array<number>(count).fill(binaryen.i32));
}

/** Names binaryen gives a memory read from a binary (`mimport$0` for an imported one without a name). */
const MEMORY_NAME_CANDIDATES = ['mimport$0', '0', 'memory', 'mem', '$0', 'env.memory'];

/** Data segment accessors binaryen.js has but its typings omit. */
interface DataSegmentApi {
  getNumDataSegments(): number;
  getDataSegmentInfo(segment: number): {
    name: string;
    offset: number | null;
    data: ArrayBuffer;
    passive: boolean;
  };
}

/** The engine's validator; the project's `lib` setting leaves `WebAssembly` undeclared. */
const engine = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } })
  .WebAssembly;

interface DataSegment {
  name: string;
  offset: number | null;
  data: Uint8Array;
}

export class WasmModule {
  private readonly m: binaryenTypes.Module;
  readonly memoryName: string;

  private constructor(m: binaryenTypes.Module) {
    this.m = m;
    this.m.setFeatures(
      this.m.getFeatures() |
        binaryen.Features.BulkMemory |
        binaryen.Features.BulkMemoryOpt |
        binaryen.Features.SignExt |
        binaryen.Features.MutableGlobals |
        binaryen.Features.NontrappingFPToInt,
    );
    this.memoryName = this.findMemoryName();
  }

  /** Reads a module (the runtime) that will receive the generated functions. */
  static fromBinary(bytes: Uint8Array): WasmModule {
    let m: binaryenTypes.Module;
    try {
      m = binaryen.readBinary(bytes);
    } catch {
      // binaryen throws an opaque object here; the size helps spot a half-written file
      throw new WasmCodegenError(
        'wasm_runtime_error',
        `the runtime is not a valid wasm module (${bytes.length} bytes)`,
      );
    }
    return new WasmModule(m);
  }

  private findMemoryName(): string {
    if (!this.m.hasMemory())
      throw new WasmCodegenError('wasm_runtime_error', 'the runtime module has no memory');
    for (const name of MEMORY_NAME_CANDIDATES) {
      try {
        this.m.getMemoryInfo(name);
        return name;
      } catch {
        // binaryen throws for an unknown memory name; try the next one
      }
    }
    throw new WasmCodegenError('wasm_runtime_error', 'cannot find the name of the runtime memory');
  }

  /** The imported memory's limits (the SDK supplies the memory: at most 5 pages initially, no maximum). */
  memoryInfo(): { module: string | null; base: string | null; initial: number; max?: number } {
    return this.m.getMemoryInfo(this.memoryName);
  }

  // ---- functions, imports and exports ----

  /** Internal name of the function exported as `exportName`, if any. */
  exportedFunction(exportName: string): string | undefined {
    const ref = this.m.getExport(exportName);
    if (!ref) return undefined;
    const info = binaryen.getExportInfo(ref);
    return info.kind === binaryen.ExternalFunction ? info.value : undefined;
  }

  exportNames(): string[] {
    const names: string[] = [];
    for (let i = 0; i < this.m.getNumExports(); i++)
      names.push(binaryen.getExportInfo(this.m.getExportByIndex(i)).name);
    return names;
  }

  removeExport(exportName: string): void {
    this.m.removeExport(exportName);
  }

  /** Internal name of the function imported as `module.base`, if any. */
  functionImport(module: string, base: string): string | undefined {
    for (let i = 0; i < this.m.getNumFunctions(); i++) {
      const info = binaryen.getFunctionInfo(this.m.getFunctionByIndex(i));
      if (info.module === module && info.base === base) return info.name;
    }
    return undefined;
  }

  hasFunction(name: string): boolean {
    return this.m.getFunction(name) !== 0;
  }

  /** Number of i32 parameters and whether it returns an i32, for a function known by internal name. */
  signature(name: string): { params: number; result: ResultType; paramTypes: number[] } {
    const info = binaryen.getFunctionInfo(this.m.getFunction(name));
    const paramTypes = binaryen.expandType(info.params);
    return { params: paramTypes.length, result: info.results === binaryen.none ? 'none' : 'i32', paramTypes };
  }

  addFunctionImport(name: string, module: string, base: string, params: number, result: ResultType): void {
    this.m.addFunctionImport(name, module, base, i32Params(params), resultType(result));
  }

  /** Adds a function whose parameters and `vars` extra locals are all i32. */
  addFunction(name: string, params: number, result: ResultType, vars: number, body: Expr): void {
    if (this.hasFunction(name)) {
      throw new WasmCodegenError(
        'wasm_runtime_error',
        `the runtime already defines a function named ${name}`,
      );
    }
    this.m.addFunction(
      name,
      i32Params(params),
      resultType(result),
      new Array<number>(vars).fill(binaryen.i32),
      body,
    );
  }

  addFunctionExport(name: string, exportName: string): void {
    this.m.addFunctionExport(name, exportName);
  }

  addGlobal(name: string, mutable: boolean, init: number): void {
    this.m.addGlobal(name, binaryen.i32, mutable, this.m.i32.const(init));
  }

  hasGlobal(name: string): boolean {
    return this.m.getGlobal(name) !== 0;
  }

  addGlobalExport(name: string, exportName: string): void {
    this.m.addGlobalExport(name, exportName);
  }

  addMemoryExport(exportName: string): void {
    this.m.addMemoryExport(this.memoryName, exportName);
  }

  /** Internal name of the current start function, if any. */
  startFunction(): string | undefined {
    const ref = this.m.getStart();
    return ref ? binaryen.getFunctionInfo(ref).name : undefined;
  }

  setStart(name: string): void {
    this.m.setStart(this.m.getFunction(name));
  }

  /**
   * Adds a passive data segment. binaryen's JS API can only replace the whole
   * memory, so the runtime's own segments are carried over and the memory is
   * re-declared as the `env.memory` import, without a maximum, like the SDK's.
   */
  addPassiveSegment(name: string, bytes: Uint8Array): void {
    const info = this.memoryInfo();
    const existing: DataSegment[] = [];
    const api = this.m as unknown as DataSegmentApi;
    for (let i = 0; i < api.getNumDataSegments(); i++) {
      const seg = api.getDataSegmentInfo(this.m.getDataSegmentByIndex(i));
      existing.push({
        name: seg.name,
        offset: seg.passive ? null : seg.offset,
        data: new Uint8Array(seg.data),
      });
    }
    const segments = [
      ...existing.map((s) => ({
        name: s.name,
        offset: s.offset === null ? 0 : this.m.i32.const(s.offset),
        data: s.data,
        passive: s.offset === null,
      })),
      { name, offset: 0, data: bytes, passive: true },
    ];
    this.m.setMemory(info.initial, -1, null, segments as never, false, false, this.memoryName);
    this.m.addMemoryImport(this.memoryName, info.module ?? 'env', info.base ?? 'memory');
  }

  // ---- expressions ----

  i32(value: number): Expr {
    return this.m.i32.const(value | 0);
  }

  /** An i64 constant from a safe integer. */
  i64(value: number): Expr {
    // binaryen 132 takes one bigint here; its typings still declare (low, high).
    const i64Const = this.m.i64.const as unknown as (v: bigint) => Expr;
    return i64Const.call(this.m.i64, BigInt.asIntN(64, BigInt(value)));
  }

  get(index: number): Expr {
    return this.m.local.get(index, binaryen.i32);
  }

  set(index: number, value: Expr): Expr {
    return this.m.local.set(index, value);
  }

  tee(index: number, value: Expr): Expr {
    return this.m.local.tee(index, value, binaryen.i32);
  }

  globalGet(name: string): Expr {
    return this.m.global.get(name, binaryen.i32);
  }

  globalSet(name: string, value: Expr): Expr {
    return this.m.global.set(name, value);
  }

  call(name: string, args: Expr[], result: ResultType): Expr {
    return this.m.call(name, args, resultType(result));
  }

  block(label: string | null, children: Expr[], result: ResultType = 'none'): Expr {
    return this.m.block(label, children, resultType(result));
  }

  loop(label: string, body: Expr): Expr {
    return this.m.loop(label, body);
  }

  /** `br label`, or `br_if label` when a condition is given. */
  br(label: string, condition?: Expr): Expr {
    return this.m.br(label, condition);
  }

  if(condition: Expr, then: Expr, otherwise?: Expr): Expr {
    return this.m.if(condition, then, otherwise);
  }

  select(condition: Expr, ifTrue: Expr, ifFalse: Expr): Expr {
    return this.m.select(condition, ifTrue, ifFalse);
  }

  return(value?: Expr): Expr {
    return this.m.return(value);
  }

  drop(value: Expr): Expr {
    return this.m.drop(value);
  }

  unreachable(): Expr {
    return this.m.unreachable();
  }

  nop(): Expr {
    return this.m.nop();
  }

  eqz(value: Expr): Expr {
    return this.m.i32.eqz(value);
  }

  eq(a: Expr, b: Expr): Expr {
    return this.m.i32.eq(a, b);
  }

  ne(a: Expr, b: Expr): Expr {
    return this.m.i32.ne(a, b);
  }

  and(a: Expr, b: Expr): Expr {
    return this.m.i32.and(a, b);
  }

  ltU(a: Expr, b: Expr): Expr {
    return this.m.i32.lt_u(a, b);
  }

  /** Signed comparisons of i32 values (`opa_value_compare` results). */
  ltS(a: Expr, b: Expr): Expr {
    return this.m.i32.lt_s(a, b);
  }

  leS(a: Expr, b: Expr): Expr {
    return this.m.i32.le_s(a, b);
  }

  gtS(a: Expr, b: Expr): Expr {
    return this.m.i32.gt_s(a, b);
  }

  geS(a: Expr, b: Expr): Expr {
    return this.m.i32.ge_s(a, b);
  }

  add(a: Expr, b: Expr): Expr {
    return this.m.i32.add(a, b);
  }

  mul(a: Expr, b: Expr): Expr {
    return this.m.i32.mul(a, b);
  }

  load(offset: number, pointer: Expr): Expr {
    return this.m.i32.load(offset, 4, pointer, this.memoryName);
  }

  store(offset: number, pointer: Expr, value: Expr): Expr {
    return this.m.i32.store(offset, 4, pointer, value, this.memoryName);
  }

  memoryInit(segment: string, dest: Expr, offset: Expr, size: Expr): Expr {
    return this.m.memory.init(segment, dest, offset, size, this.memoryName);
  }

  memoryFill(dest: Expr, value: Expr, size: Expr): Expr {
    return this.m.memory.fill(dest, value, size, this.memoryName);
  }

  dataDrop(segment: string): Expr {
    return this.m.data.drop(segment);
  }

  // ---- finishing ----

  /**
   * Optimises the named (generated) functions one by one. The runtime arrives
   * already optimised by its own compiler, and re-running the whole pipeline
   * over it would cost seconds.
   */
  optimizeFunctions(level: OptimizeLevel, functions: readonly string[]): void {
    binaryen.setOptimizeLevel(level.optimize);
    binaryen.setShrinkLevel(level.shrink);
    binaryen.setLowMemoryUnused(false);
    for (const name of functions) this.m.optimizeFunction(name);
  }

  /** Drops the functions, globals and segments that nothing exported, started or called reaches. */
  removeUnused(): void {
    try {
      this.m.runPasses(['remove-unused-module-elements']);
    } catch {
      // binaryen aborts (an opaque error) when a call names a missing function
      throw new WasmCodegenError('wasm_invalid_module', 'binaryen could not prune the generated module');
    }
  }

  /** Throws instead of ever emitting an invalid module. */
  validate(): void {
    if (!this.m.validate()) {
      throw new WasmCodegenError(
        'wasm_invalid_module',
        'binaryen rejected the generated module (see stderr)',
      );
    }
  }

  /**
   * The binary, checked by the engine that will run it: `WebAssembly.validate`
   * takes a millisecond where binaryen's validator takes a tenth of a second
   * on a cold start. binaryen's own diagnostics go to stderr on failure.
   */
  emit(): Uint8Array {
    let bytes: Uint8Array;
    try {
      bytes = this.m.emitBinary();
    } catch {
      // binaryen aborts (an opaque error) on references to missing functions or globals
      throw new WasmCodegenError('wasm_invalid_module', 'binaryen could not encode the generated module');
    }
    if (!engine.validate(bytes)) {
      this.m.validate();
      throw new WasmCodegenError(
        'wasm_invalid_module',
        'the generated module is not valid WebAssembly (see stderr)',
      );
    }
    return bytes;
  }

  /** The module as WebAssembly text, for debugging. */
  text(): string {
    return this.m.emitText();
  }

  dispose(): void {
    this.m.dispose();
  }
}
