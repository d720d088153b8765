/**
 * Plain data passed between the compile stages and handed to the planner.
 */
import type { RegoError } from '../errors.js';
import type { AnnotationSet } from './annotation-set.js';
import type { FunctionType } from '../builtins/types.js';
import type { Body, Import, Module, Rule, Term } from '../rego/ast.js';
import type { DeclKind } from './local-vars.js';
import type { PolicyTypes } from './typecheck/stage.js';
import type { SchemaSet } from './typecheck/schema.js';

/**
 * What the compiler needs to know about a builtin. The catalog in
 * `builtins/catalog.ts` provides these; tests may pass their own lookup.
 */
export interface BuiltinInfo {
  name: string;
  /** Number of declared arguments (without the optional output argument). */
  arity: number;
  /** Variadic builtins accept any number of extra arguments. */
  variadic?: boolean;
  /** OPA type JSON of the function. */
  decl: FunctionType | { type: 'function'; args?: unknown[]; result?: unknown; variadic?: unknown };
  /** Relations (e.g. `walk`) produce many outputs; the planner scans their result. */
  relation?: boolean;
  /** OPA deprecated it: Rego v1 modules may not call it (`CheckDeprecatedBuiltins`). */
  deprecated?: boolean;
}

export type BuiltinLookup = (name: string) => BuiltinInfo | undefined;

/**
 * single: `p := v`, `p.q[x] := v`; multi: `p contains x`, `p.q[y] contains x`;
 * function: `f(x) := v`.
 */
export type RuleKind = 'single' | 'multi' | 'function';

export interface CompiledRule {
  /** The rewritten rule (refs resolved, locals renamed, bodies ordered for safety). */
  rule: Rule;
  /** Full head ref, starting with the `data` var: `data.test.p.q[x]`. */
  ref: Term[];
  kind: RuleKind;
  /** Number of function arguments (0 for documents). */
  arity: number;
  file: string;
  /** Index of the rule within all modules, for stable ordering. */
  order: number;
}

/** Timing of one compile stage, in milliseconds. */
export interface StageMetric {
  name: string;
  ms: number;
}

export interface CompiledPolicy {
  rules: CompiledRule[];
  /** Package paths (without `data`) of every module, for empty-package extents. */
  packages: string[][];
  /** Rewritten local var → original name, for result keys and messages. */
  rewrittenVars: Record<string, string>;
  metrics: StageMetric[];
  /** Types CheckTypes inferred for the rules, to check queries against. */
  types?: PolicyTypes;
}

/** A query compiled against a policy: ordered body plus the names of its rewritten vars. */
export interface CompiledQuery {
  body: Body;
  rewrittenVars: Record<string, string>;
}

/** Mutable state threaded through the stages of one compile run. */
export interface CompileState {
  modules: Module[];
  rules: CompiledRule[];
  errors: RegoError[];
  builtins: BuiltinLookup;
  rewrittenVars: Record<string, string>;
  /** Counter for generated `__localN__` vars. */
  nextLocal: { n: number };
  /** The `# METADATA` blocks of all modules, set by SetAnnotationSet. */
  annotations?: AnnotationSet;
  /** Every function and builtin name the rules call, set by CheckCalls. */
  calledNames?: Set<string>;
  /** The modules as parsed, before any stage rewrote them. */
  parsedModules?: Module[];
  /** OPA's strict mode: unused imports, assignments and arguments are errors (`--strict`). */
  strict?: boolean;
  /** Print calls become `internal.print` calls (RewritePrintCalls) instead of being dropped. */
  print?: boolean;
  /** Imports no rule of their module reads, set by ResolveRefs. */
  unusedImports?: { import: Import; file: string }[];
  /** How each renamed var was declared, set by RewriteLocalVars. */
  declKinds?: Record<string, DeclKind>;
  /** Vars RewriteExprTerms made up → the term each stands for (for messages). */
  liftedTerms?: Record<string, Term>;
  /** Schemas for `input` and for `# METADATA` `schemas:` annotations (`--schema`). */
  schemas?: SchemaSet;
  /** The rules' types, set by CheckTypes. */
  types?: PolicyTypes;
}

export interface Stage {
  name: string;
  run(state: CompileState): void;
}
