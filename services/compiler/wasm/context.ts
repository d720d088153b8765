/**
 * What every lowering step shares: the module being built, the runtime's
 * functions, the policy's constants and how each callable name resolves.
 */
import type { Func, Policy, StmtLocation } from '../plan/ir.js';
import { WasmCodegenError, locate } from './errors.js';
import type { Expr, ResultType, WasmModule } from './module.js';
import type { NativeTable } from './natives.js';
import { StaticData } from './static-data.js';
import { answersInJson, exactHostName, usesExactConvention } from '../builtins/exact.js';
import { hostBuiltinName } from '../builtins/host.js';

/** Globals the start function fills in. */
export const GLOBAL = {
  staticBase: 'portcullis.static',
  stringTable: 'portcullis.strings',
  true: 'portcullis.true',
  false: 'portcullis.false',
  builtins: 'portcullis.builtins',
  entrypoints: 'portcullis.entrypoints',
  memo: 'portcullis.memo',
  /** Where opa_scan_next leaves an element's key and value. */
  scanOut: 'portcullis.scan_out',
} as const;

export const PASSIVE_SEGMENT = 'portcullis.constants';

/** Memo tables of up to this many slots are zeroed by plain stores rather than memory.fill. */
const INLINE_MEMO_ZEROING = 16;

/** A planned function as the generated code calls it. */
export interface FuncTarget {
  wasmName: string;
  func: Func;
  /**
   * Slot in the per-evaluation memo table. Functions of input and data only
   * (rules) are memoised as in OPA; a `with` gets a fresh table.
   */
  memoSlot?: number;
}

/**
 * A host builtin call. `exact`: arguments and result travel as Rego value text (see README, "Host
 * builtins"); `jsonId`: the id of the same builtin in plain JSON, for calls whose arguments JSON
 * carries exactly.
 */
export interface HostTarget {
  kind: 'host';
  id: number;
  name: string;
  exact: boolean;
  jsonId?: number;
}

/** How a `CallStmt` to a name other than a planned function is made. */
export type BuiltinTarget =
  /**
   * `fallback`: the host call made when the native answers HOST_FALLBACK (natives.ts `hostFallback`),
   * when the plan declares the builtin (the host call needs its id).
   */
  | { kind: 'native'; runtimeFn: string; arity: number; hostFallback?: boolean; fallback?: HostTarget }
  | HostTarget;

export type ConflictKind = 'var assignment conflict' | 'object insert conflict';

/** `opa_builtin0` … `opa_builtin4`: the host calls take at most four arguments. */
export const MAX_HOST_BUILTIN_ARITY = 4;

export class CodegenContext {
  readonly data = new StaticData();
  /** Value constants by index: `static.strings` first, then strings the generator needs. */
  private readonly constants: string[];
  private readonly extraConstants = new Map<string, number>();
  private readonly runtimeFns = new Map<string, string>();
  private readonly imports = new Map<string, string>();
  readonly funcs = new Map<string, FuncTarget>();
  private memoSlotCount = 0;
  private readonly builtins = new Map<string, BuiltinTarget>();
  /** Host builtins by id, for `builtins()`. */
  readonly hostBuiltins = new Map<string, number>();
  /** The `env.opa_abort` import. */
  readonly abortFn: string;

  constructor(
    readonly m: WasmModule,
    readonly policy: Policy,
    natives: NativeTable,
  ) {
    this.constants = policy.static.strings.map((s) => s.value);
    let abort = m.functionImport('env', 'opa_abort');
    if (abort === undefined) {
      abort = 'env.opa_abort';
      m.addFunctionImport(abort, 'env', 'opa_abort', 1, 'none');
    }
    this.abortFn = abort;
    policy.funcs.funcs.forEach((func, index) => {
      if (this.funcs.has(func.name)) {
        throw new WasmCodegenError('wasm_invalid_plan', `function ${func.name} is defined twice`);
      }
      const memoSlot = func.params.length === 2 ? this.memoSlotCount++ : undefined;
      this.funcs.set(func.name, { wasmName: `func.${index}.${func.name}`, func, memoSlot });
    });
    const builtinDecls = policy.static.builtin_funcs ?? [];
    builtinDecls.forEach((decl, id) => {
      const native = Object.hasOwn(natives, decl.name) ? natives[decl.name] : undefined;
      if (native) {
        const { fn: runtimeFn, arity, hostFallback } = native;
        const fallback = hostFallback ? this.declareHost(decl.name, id, builtinDecls.length) : undefined;
        this.builtins.set(decl.name, { kind: 'native', runtimeFn, arity, hostFallback, fallback });
      } else {
        this.builtins.set(decl.name, this.declareHost(decl.name, id, builtinDecls.length));
      }
    });
    // Natives the plan does not declare (hand-made plans) have no host id, hence no fallback.
    for (const [name, native] of Object.entries(natives)) {
      if (!this.builtins.has(name)) {
        const { fn: runtimeFn, arity, hostFallback } = native;
        this.builtins.set(name, { kind: 'native', runtimeFn, arity, hostFallback });
      }
    }
  }

  /** Lists host builtin `name` under `id` in `builtins()` (`declared`: how many the plan declares); its call target. */
  private declareHost(name: string, id: number, declared: number): HostTarget {
    const exact = usesExactConvention(name);
    // Ids past the policy's own builtins list the plain JSON variants of exact ones.
    const jsonId = exact && answersInJson(name) ? declared + this.hostBuiltins.size : undefined;
    // Listed under the name the SDK should call, so that builtins the SDK
    // implements itself (sprintf, ...) reach Portcullis's Go-faithful ones.
    this.hostBuiltins.set(exact ? exactHostName(name) : hostBuiltinName(name), id);
    if (jsonId !== undefined) this.hostBuiltins.set(hostBuiltinName(name), jsonId);
    return { kind: 'host', id, name, exact, jsonId };
  }

  /** Internal name of a runtime export; throws when the runtime lacks it. */
  rt(exportName: string): string {
    let name = this.runtimeFns.get(exportName);
    if (name === undefined) {
      name = this.m.exportedFunction(exportName);
      if (name === undefined) {
        throw new WasmCodegenError('wasm_runtime_error', `the runtime does not export ${exportName}`);
      }
      this.runtimeFns.set(exportName, name);
    }
    return name;
  }

  callRt(exportName: string, args: Expr[], result: ResultType): Expr {
    return this.m.call(this.rt(exportName), args, result);
  }

  /** The `env.opa_builtinN` import for a host builtin call with `arity` arguments (added on first use). */
  hostDispatcher(arity: number): string {
    const base = `opa_builtin${arity}`;
    let name = this.imports.get(base);
    if (name === undefined) {
      name = this.m.functionImport('env', base);
      if (name === undefined) {
        name = `env.${base}`;
        this.m.addFunctionImport(name, 'env', base, arity + 2, 'i32');
      }
      this.imports.set(base, name);
    }
    return name;
  }

  builtin(name: string): BuiltinTarget | undefined {
    return this.builtins.get(name);
  }

  /** Index in the constant table of the generator's own string constant. */
  constantIndex(value: string): number {
    let index = this.extraConstants.get(value);
    if (index === undefined) {
      index = this.constants.length;
      this.constants.push(value);
      this.extraConstants.set(value, index);
    }
    return index;
  }

  /** The strings the start function turns into values, in table order. */
  constantTable(): readonly string[] {
    return this.constants;
  }

  policyString(index: number, where: StmtLocation): string {
    const value = this.policy.static.strings[index]?.value;
    if (value === undefined) {
      throw new WasmCodegenError('wasm_invalid_plan', `no string constant ${index}`, this.locate(where));
    }
    return value;
  }

  /** The string value of constant `index` (built once by the start function). */
  stringValue(index: number, where: StmtLocation): Expr {
    if (index < 0 || index >= this.constants.length) {
      throw new WasmCodegenError('wasm_invalid_plan', `no string constant ${index}`, this.locate(where));
    }
    return this.m.load(index * 4, this.m.globalGet(GLOBAL.stringTable));
  }

  /** Installs a fresh, zeroed memo table (nothing when no function is memoised). */
  newMemoTable(): Expr {
    const { m } = this;
    if (this.memoSlotCount === 0) return m.nop();
    const bytes = this.memoSlotCount * 4;
    const table = m.globalSet(GLOBAL.memo, this.callRt('opa_malloc', [m.i32(bytes)], 'i32'));
    if (this.memoSlotCount > INLINE_MEMO_ZEROING)
      return m.block(null, [table, m.memoryFill(m.globalGet(GLOBAL.memo), m.i32(0), m.i32(bytes))]);
    // A few stores beat memory.fill, a call out of the engine's compiled code, on every evaluation.
    const zeroes = Array.from({ length: this.memoSlotCount }, (_, slot) =>
      m.store(slot * 4, m.globalGet(GLOBAL.memo), m.i32(0)),
    );
    return m.block(null, [table, ...zeroes]);
  }

  memoAddress(slot: number): Expr {
    return this.m.add(this.m.globalGet(GLOBAL.memo), this.m.i32(slot * 4));
  }

  boolValue(value: boolean): Expr {
    return this.m.globalGet(value ? GLOBAL.true : GLOBAL.false);
  }

  staticAddress(offset: number): Expr {
    return offset === 0
      ? this.m.globalGet(GLOBAL.staticBase)
      : this.m.add(this.m.globalGet(GLOBAL.staticBase), this.m.i32(offset));
  }

  /** Aborts evaluation with a fixed message (the SDK throws it as a string). */
  abort(message: string): Expr {
    const offset = this.data.cString(message);
    return this.m.block(null, [
      this.m.call(this.abortFn, [this.staticAddress(offset)], 'none'),
      this.m.unreachable(),
    ]);
  }

  /** Aborts with OPA's `file:row:col: <conflict>` text for the statement's location. */
  conflict(where: StmtLocation, kind: ConflictKind): Expr {
    const loc = this.locate(where);
    return this.abort(`${loc.file}:${loc.row}:${loc.col}: ${kind}`);
  }

  locate(where: StmtLocation): { file: string; row: number; col: number } {
    return locate(this.policy.static.files, where);
  }
}
