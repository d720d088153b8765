/**
 * The Rego → WebAssembly compiler, phase by phase: parse (rego/), compile
 * and plan (compile/, plan/), generate (wasm/). Plain data between phases.
 */
import type { Module, Term } from './rego/ast.js';
import { parseModule, parseQuery, parseTerm } from './rego/parser.js';
import type { RegoVersion } from './rego/parser-base.js';
import { RegoCompileError, type RegoError } from './errors.js';
import { compileAndPlan, compileModules, type PlanResult } from './plan/index.js';
import type { CompiledPolicy } from './compile/types.js';
import type { Policy } from './plan/ir.js';
import type { SchemaSet } from './compile/typecheck/schema.js';
import { generateWasm } from './wasm/index.js';
import { RUNTIME_NATIVES } from './wasm/natives.js';
// The registry alone: which builtins the host implements is known without loading them.
import { isHostImplemented, unsupportedReason } from './builtins/registry.js';

export interface RegoFile {
  /** Name shown in error locations and kept in the bundle. */
  file: string;
  source: string;
  /** Syntax of this file when it differs from the compile's (a bundle's `file_rego_versions`). */
  regoVersion?: RegoVersion;
}

export interface CompileRegoOptions {
  /**
   * Syntax of the sources and the query: `v1`, or `v0` as OPA's
   * `--v0-compatible` (a file's own `regoVersion` wins).
   * @defaultValue 'v1'
   */
  regoVersion?: RegoVersion;
  /** Rule paths to expose, e.g. `gateway/decision` (= `data.gateway.decision`). */
  entrypoints?: string[];
  /** An ad-hoc query compiled as one more entrypoint; its results are binding objects. */
  query?: string;
  /** Entrypoint name of `query`. @defaultValue `query` */
  queryName?: string;
  /** Stop after planning: no wasm is generated. */
  planOnly?: boolean;
  /**
   * Builtins the host evaluating the module provides itself (passed to the
   * SDK's loadPolicy); any other builtin Portcullis cannot evaluate is a
   * compile error.
   */
  hostProvided?: string[];
  /**
   * JSON Schemas for the type checker (OPA's `--schema`): the type of
   * `input`, and the schemas `# METADATA` `schemas:` annotations name.
   * @defaultValue none: `input` is `any`
   */
  schemas?: SchemaSet;
  /** OPA's strict mode (`--strict`): unused imports, assignments and arguments are errors. @defaultValue false */
  strict?: boolean;
  /**
   * Compile `print()` calls as calls of the host builtin `internal.print`
   * (which `hostBuiltins()` answers through its `print` option), as `opa
   * test` and `opa eval` run them; otherwise they are dropped, as OPA's
   * WASM target drops them. @defaultValue false
   */
  print?: boolean;
}

export interface CompileRegoResult {
  policy: Policy;
  /** Absent with `planOnly`. */
  wasm?: Uint8Array;
  /** Entrypoint names in the module, in order (the query's last). */
  entrypoints: string[];
  modules: Module[];
  /** Milliseconds spent in each phase. */
  timings: Record<'parse' | 'plan' | 'wasm', number>;
}

/** Parses every file, gathering the errors of all of them before throwing. */
export function parseModules(files: RegoFile[], regoVersion: RegoVersion = 'v1'): Module[] {
  const modules: Module[] = [];
  const errors: RegoError[] = [];
  for (const { file, source, regoVersion: own } of files) {
    try {
      modules.push(parseModule(source, file, { regoVersion: own ?? regoVersion }));
    } catch (err) {
      if (err instanceof RegoCompileError) errors.push(...err.errors);
      else throw err;
    }
  }
  if (errors.length) throw new RegoCompileError(errors);
  return modules;
}

/** Compiles Rego sources to an IR policy and a policy.wasm; throws RegoCompileError. */
export function compileRego(
  files: RegoFile[],
  options: CompileRegoOptions = {},
): CompileRegoResult & { wasm: Uint8Array } {
  const t0 = performance.now();
  const modules = parseModules(files, options.regoVersion);
  const entrypoints = [...(options.entrypoints ?? [])];
  const queries = [];
  if (options.query !== undefined) {
    const name = options.queryName ?? 'query';
    queries.push({ name, body: parseQuery(options.query, 'query', { regoVersion: options.regoVersion }) });
    entrypoints.push(name);
  }
  if (entrypoints.length === 0) {
    throw new RegoCompileError([
      { code: 'rego_compile_error', message: 'no entrypoint given: name at least one rule path (-e)' },
    ]);
  }
  const t1 = performance.now();
  const planned: PlanResult = compileAndPlan(modules, options.entrypoints ?? [], {
    queries,
    schemas: options.schemas,
    strict: options.strict,
    print: options.print,
  });
  const t2 = performance.now();
  const hostProvided = options.hostProvided ?? [];
  checkBuiltinsAvailable(planned.policy, options.print ? [...hostProvided, 'internal.print'] : hostProvided);
  const wasm = options.planOnly ? undefined : generateWasm(planned.policy);
  const t3 = performance.now();
  return {
    policy: planned.policy,
    wasm: wasm as Uint8Array,
    entrypoints,
    modules,
    timings: { parse: t1 - t0, plan: t2 - t1, wasm: t3 - t2 },
  };
}

export type CheckRegoOptions = Pick<CompileRegoOptions, 'regoVersion' | 'schemas' | 'strict'>;

/**
 * Parses and compiles the sources through every compile stage, the type
 * checker included, without planning or generating code: what `portcullis
 * check` runs (OPA's `opa check`). Throws RegoCompileError with every error.
 */
export function checkRego(files: RegoFile[], options: CheckRegoOptions = {}): CompiledPolicy {
  const modules = parseModules(files, options.regoVersion);
  return compileModules(modules, { schemas: options.schemas, strict: options.strict });
}

/**
 * The builtins a planned policy calls on the host (not the runtime's natives, but those natives
 * that fall back to the host): the topics a host must load.
 */
export function hostCalledBuiltins(policy: Policy): string[] {
  return (policy.static.builtin_funcs ?? [])
    .map((b) => b.name)
    .filter((name) => !RUNTIME_NATIVES[name] || RUNTIME_NATIVES[name].hostFallback === true);
}

/** A policy calling a builtin nobody can evaluate fails at compile time, naming it, not at run time. */
export function checkBuiltinsAvailable(policy: Policy, hostProvided: string[]): void {
  const errors: RegoError[] = [];
  for (const { name } of policy.static.builtin_funcs ?? []) {
    if (RUNTIME_NATIVES[name] || isHostImplemented(name) || hostProvided.includes(name)) continue;
    const reason = unsupportedReason(name);
    errors.push({
      code: 'rego_type_error',
      message: `builtin ${name} is not supported${reason ? `: ${reason}` : ''}`,
    });
  }
  if (errors.length) throw new RegoCompileError(errors);
}

function groundTermToJson(term: Term): unknown {
  switch (term.type) {
    case 'null':
    case 'boolean':
    case 'string':
      return term.value;
    case 'number':
      return Number(term.value);
    case 'array':
    case 'set':
      return term.value.map(groundTermToJson);
    case 'object':
      return Object.fromEntries(
        term.value.map(([k, v]) => {
          const key = groundTermToJson(k);
          return [typeof key === 'string' ? key : JSON.stringify(key), groundTermToJson(v)];
        }),
      );
    default:
      throw new Error(`${term.type} is not a ground value`);
  }
}

function hasSet(term: Term): boolean {
  switch (term.type) {
    case 'set':
      return true;
    case 'array':
      return term.value.some(hasSet);
    case 'object':
      return term.value.some(([k, v]) => hasSet(k) || hasSet(v));
    default:
      return false;
  }
}

function groundTermToValueText(term: Term): string {
  switch (term.type) {
    case 'null':
    case 'boolean':
      return String(term.value);
    case 'number':
      return String(term.value);
    case 'string':
      return JSON.stringify(term.value);
    case 'array':
      return `[${term.value.map(groundTermToValueText).join(',')}]`;
    case 'set':
      return term.value.length === 0 ? 'set()' : `{${term.value.map(groundTermToValueText).join(',')}}`;
    case 'object':
      return `{${term.value.map(([k, v]) => `${groundTermToValueText(k)}:${groundTermToValueText(v)}`).join(',')}}`;
    default:
      throw new Error(`${term.type} is not a ground value`);
  }
}

/**
 * A ground Rego term as canonical Rego value text (sets as `{...}` or
 * `set()`): what `opa_value_parse`, and so `opa_eval`'s input, reads.
 */
export function termToValueText(source: string): string {
  return groundTermToValueText(parseTerm(source));
}

/** True when a Rego term holds a set anywhere (JSON cannot carry it). */
export function termHasSet(source: string): boolean {
  return hasSet(parseTerm(source));
}

/** A ground Rego term (e.g. a conformance case's `input_term`) as the JSON the SDK takes; sets become arrays. */
export function termToJson(source: string): unknown {
  return groundTermToJson(parseTerm(source));
}
