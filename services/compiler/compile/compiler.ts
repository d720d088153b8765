/**
 * The compiler: an ordered list of named stages (as OPA's `ast.Compiler`),
 * each timed, over plain data. Errors from a stage are collected; the run
 * stops after the first stage that reported any and throws them together.
 */
import { RegoCompileError } from '../errors.js';
import { lookupBuiltin } from '../builtins/catalog.js';
import type { Body, Module } from '../rego/ast.js';
import { setAnnotationSet } from './annotation-set.js';
import { checkCalls, CallChecker, functionArities } from './check-calls.js';
import { LocalVarRewriter, rewriteLocalVars } from './local-vars.js';
import { MetadataRewriter, QUERY_VALUES, rewriteRegoMetadataCalls } from './metadata-calls.js';
import { TermLifter, liftTerms } from './lift-terms.js';
import { PrintCallRewriter, rewritePrintCalls } from './print-calls.js';
import { checkRecursion } from './recursion.js';
import { resolveQuery, resolveRefs, packagePath } from './resolve.js';
import { checkDeprecatedBuiltins, checkImports, checkKeywordOverrides } from './rego-v1-checks.js';
import { groupRules } from './rules.js';
import { SafetyChecker, arityLookup, checkSafety } from './safety.js';
import type {
  BuiltinLookup,
  CompileState,
  CompiledPolicy,
  CompiledQuery,
  Stage,
  StageMetric,
} from './types.js';
import { WithChecker, checkWith } from './with.js';
import { checkQueryTypes, checkTypes } from './typecheck/stage.js';
import { checkStrict } from './strict.js';
import type { SchemaSet } from './typecheck/schema.js';

export interface CompileOptions {
  /**
   * Builtin declarations to check calls against.
   * @defaultValue `lookupBuiltin` from `builtins/catalog.ts`
   */
  builtins?: BuiltinLookup;
  /**
   * JSON Schemas that type `input` and the `schema.<path>` refs of
   * `# METADATA` `schemas:` annotations (OPA's `--schema`).
   * @defaultValue none: `input` is `any`, annotations naming a schema are skipped
   */
  schemas?: SchemaSet;
  /**
   * OPA's strict mode (`check --strict`): unused imports, assignments and
   * function arguments are errors, and v0 modules get Rego v1's checks.
   * @defaultValue false
   */
  strict?: boolean;
  /**
   * Keep `print()` calls as calls of the host's `internal.print` (stage
   * RewritePrintCalls), for hosts that show print output (`test`, `eval`);
   * otherwise the planner drops them, as OPA's WASM target does.
   * @defaultValue false
   */
  print?: boolean;
}

export const STAGES: Stage[] = [
  // These two read names as written, so they run before refs are resolved.
  { name: 'CheckKeywordOverrides', run: checkKeywordOverrides },
  { name: 'CheckImports', run: checkImports },
  { name: 'ResolveRefs', run: resolveRefs },
  { name: 'GroupRules', run: groupRules },
  { name: 'CheckWith', run: checkWith },
  { name: 'CheckCalls', run: checkCalls },
  { name: 'SetAnnotationSet', run: setAnnotationSet },
  { name: 'RewriteRegoMetadataCalls', run: rewriteRegoMetadataCalls },
  { name: 'RewriteLocalVars', run: rewriteLocalVars },
  { name: 'RewritePrintCalls', run: rewritePrintCalls },
  { name: 'RewriteExprTerms', run: liftTerms },
  { name: 'CheckSafety', run: checkSafety },
  { name: 'CheckRecursion', run: checkRecursion },
  { name: 'CheckTypes', run: checkTypes },
  { name: 'CheckStrict', run: checkStrict },
  { name: 'CheckDeprecatedBuiltins', run: checkDeprecatedBuiltins },
];

function runStages(state: CompileState, stages: Stage[]): StageMetric[] {
  const metrics: StageMetric[] = [];
  for (const stage of stages) {
    const start = performance.now();
    stage.run(state);
    for (const r of state.rules) r.ref = r.rule.head.ref.value;
    metrics.push({ name: stage.name, ms: performance.now() - start });
    if (state.errors.length > 0) throw new RegoCompileError(state.errors);
  }
  return metrics;
}

/** Compiles modules into ordered, rewritten rules; throws RegoCompileError. */
export function compileModules(modules: Module[], options: CompileOptions = {}): CompiledPolicy {
  const state: CompileState = {
    modules: structuredClone(modules),
    rules: [],
    errors: [],
    builtins: options.builtins ?? lookupBuiltin,
    rewrittenVars: {},
    nextLocal: { n: 0 },
    schemas: options.schemas,
    strict: options.strict,
    print: options.print,
    parsedModules: modules,
  };
  const metrics = runStages(state, STAGES);
  return {
    rules: state.rules,
    packages: modules.map(packagePath),
    rewrittenVars: state.rewrittenVars,
    metrics,
    types: state.types,
  };
}

/**
 * Compiles an ad-hoc query (e.g. `data.test.p = x`) against a compiled
 * policy, with the same checks as rule bodies.
 */
export function compileQuery(
  query: Body,
  policy: CompiledPolicy,
  options: CompileOptions = {},
): CompiledQuery {
  const rewrittenVars: Record<string, string> = {};
  const counter = { n: Object.keys(policy.rewrittenVars).length + 1000 };
  const state: CompileState = {
    modules: [],
    rules: policy.rules,
    errors: [],
    builtins: options.builtins ?? lookupBuiltin,
    rewrittenVars,
    nextLocal: counter,
  };
  let body = resolveQuery(query);
  const withChecker = new WithChecker(state, state.builtins);
  body = withChecker.body(body);
  const calls = new CallChecker(functionArities(state.rules), state.builtins);
  calls.body(body);
  state.errors.push(...withChecker.errors, ...calls.errors);
  if (state.errors.length > 0) throw new RegoCompileError(state.errors);
  body = new MetadataRewriter(QUERY_VALUES).body(body);
  const locals = new LocalVarRewriter(counter, rewrittenVars);
  body = locals.query(body);
  if (locals.errors.length > 0) throw new RegoCompileError(locals.errors);
  if (options.print) body = new PrintCallRewriter(counter, rewrittenVars).body(body);
  const lifter = new TermLifter(counter, rewrittenVars);
  body = lifter.body(body);
  const safety = new SafetyChecker(arityLookup(state), rewrittenVars);
  const globals = new Set(['data', 'input']);
  body = safety.body(body, globals, globals).body;
  safety.flush();
  if (safety.errors.length > 0) throw new RegoCompileError(safety.errors);
  const typeErrors = checkQueryTypes(body, policy.types, {
    builtins: state.builtins,
    rewrittenVars: { ...policy.rewrittenVars, ...rewrittenVars },
    liftedTerms: lifter.lifted,
  });
  if (typeErrors.length > 0) throw new RegoCompileError(typeErrors);
  return { body, rewrittenVars };
}
