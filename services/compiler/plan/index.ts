/**
 * Entry point of the compile + plan phases: Rego modules and entrypoints in,
 * an IR `Policy` (OPA's plan JSON shape) out. Throws `RegoCompileError`.
 */
import { compileModules, compileQuery } from '../compile/compiler.js';
import { checkEntrypoints } from '../compile/entrypoints.js';
import type { CompileOptions } from '../compile/compiler.js';
import type { CompiledPolicy } from '../compile/types.js';
import type { Body } from '../rego/ast.js';
import { operatorRef, refTerm, stringTerm, varTerm } from '../compile/terms.js';
import type { Policy } from './ir.js';
import { Planner } from './planner.js';

export interface PlanOptions extends CompileOptions {
  /**
   * Extra queries to plan as entrypoints, each under its own name; their
   * result set holds one object of variable bindings per solution.
   * @defaultValue `[]`
   */
  queries?: { name: string; body: Body }[];
}

export interface PlanResult {
  policy: Policy;
  compiled: CompiledPolicy;
}

/** The query OPA compiles for an entrypoint `a/b`: `result = data.a.b`. */
export function entrypointQuery(entrypoint: string): Body {
  const path = entrypoint.split('/').filter((p) => p.length > 0);
  const ref = refTerm([varTerm('data'), ...path.map((p) => stringTerm(p))]);
  return [{ index: 0, terms: [operatorRef('eq'), varTerm('result'), ref] }];
}

export function compileAndPlan(
  modules: Parameters<typeof compileModules>[0],
  entrypoints: string[],
  options: PlanOptions = {},
): PlanResult {
  const compiled = compileModules(modules, options);
  checkEntrypoints(compiled, entrypoints);
  const queries = [
    ...entrypoints.map((ep) => ({ name: ep, query: compileQuery(entrypointQuery(ep), compiled, options) })),
    ...(options.queries ?? []).map((q) => ({ name: q.name, query: compileQuery(q.body, compiled, options) })),
  ];
  const policy = new Planner(compiled, options.builtins).planAll(queries);
  return { policy, compiled };
}

/** Plans a single ad-hoc query (e.g. a conformance case's `data.test.p = x`) as entrypoint `name`. */
export function planQuery(
  modules: Parameters<typeof compileModules>[0],
  body: Body,
  name: string,
  options: CompileOptions = {},
): PlanResult {
  return compileAndPlan(modules, [], { ...options, queries: [{ name, body }] });
}

export { compileModules, compileQuery } from '../compile/compiler.js';
export { printPolicy } from './printer.js';
export { printCompiled } from '../compile/printer.js';
