/**
 * Rego abstract syntax tree. Plain, serialisable data modelled on OPA's AST
 * (`v1/ast/term.go`, `policy.go`) and its JSON form: every node that comes
 * from source carries a location.
 */

export interface Location {
  file: string;
  /** 1-based line. */
  row: number;
  /** 1-based column. */
  col: number;
}

interface Node<T extends string> {
  type: T;
  location?: Location;
}

export interface NullTerm extends Node<'null'> {
  value: null;
}
export interface BooleanTerm extends Node<'boolean'> {
  value: boolean;
}
/**
 * Numbers keep their source text so any size or precision round-trips; the
 * text is always valid JSON (`.5` is read as `0.5`).
 */
export interface NumberTerm extends Node<'number'> {
  value: string;
}
export interface StringTerm extends Node<'string'> {
  value: string;
}
/** Wildcards `_` are rewritten by the parser to unique vars named `$N`. */
export interface VarTerm extends Node<'var'> {
  value: string;
}
/** `a.b[c]`: value[0] is the head (a var, or a composite/call for `f(x).y`). */
export interface RefTerm extends Node<'ref'> {
  value: Term[];
}
export interface ArrayTerm extends Node<'array'> {
  value: Term[];
}
export interface ObjectTerm extends Node<'object'> {
  value: [Term, Term][];
}
export interface SetTerm extends Node<'set'> {
  value: Term[];
}
/** A call used as a term: value[0] is the operator ref, the rest are arguments. */
export interface CallTerm extends Node<'call'> {
  value: Term[];
}
export interface ArrayComprehensionTerm extends Node<'arraycomprehension'> {
  value: { term: Term; body: Body };
}
export interface SetComprehensionTerm extends Node<'setcomprehension'> {
  value: { term: Term; body: Body };
}
export interface ObjectComprehensionTerm extends Node<'objectcomprehension'> {
  value: { key: Term; value: Term; body: Body };
}

export type ScalarTerm = NullTerm | BooleanTerm | NumberTerm | StringTerm;
export type Term =
  | ScalarTerm
  | VarTerm
  | RefTerm
  | ArrayTerm
  | ObjectTerm
  | SetTerm
  | CallTerm
  | ArrayComprehensionTerm
  | SetComprehensionTerm
  | ObjectComprehensionTerm;
export type TermType = Term['type'];

/** `with <target> as <value>`; target is a ref into input, data or a function. */
export interface With {
  target: Term;
  value: Term;
  location?: Location;
}

/** `some x, y` (vars) or `some k, v in xs` (a single `internal.member_2/3` call term). */
export interface SomeDecl {
  type: 'some';
  symbols: Term[];
  location?: Location;
}

/** `every k, v in domain { body }`; key absent when only a value var is given. */
export interface Every {
  type: 'every';
  key?: Term;
  value: Term;
  domain: Term;
  body: Body;
  location?: Location;
}

/**
 * One expression of a body. `terms` is a single term, a call written as
 * an array `[operatorRef, ...args]` (`x = y` is `[eq, x, y]`, `x := y` is
 * `[assign, x, y]`), a `some` declaration, or an `every`.
 */
export interface Expr {
  index: number;
  negated?: boolean;
  generated?: boolean;
  terms: Term | Term[] | SomeDecl | Every;
  with?: With[];
  location?: Location;
}

export type Body = Expr[];

export interface Head {
  /** Plain name for single-segment heads; absent for general ref heads. */
  name?: string;
  /** The full head reference, e.g. `a.b[x]`. Always present. */
  ref: RefTerm;
  /** Function arguments (absent for non-functions). */
  args?: Term[];
  /** Key of a partial set (`contains`) or partial object. */
  key?: Term;
  /** Value (absent for partial set rules). */
  value?: Term;
  /** True for `:=`. */
  assign?: boolean;
  location?: Location;
}

export interface Rule {
  default?: boolean;
  head: Head;
  body: Body;
  else?: Rule;
  location?: Location;
  /**
   * `# METADATA` blocks that apply to this rule, as OPA attaches them: its
   * own `rule`-scoped block and the `document`-scoped blocks of its path in
   * this module. Absent when there are none.
   */
  annotations?: Annotations[];
}

/**
 * A `# METADATA` comment block (OPA's `Annotations`), in the shape
 * `rego.metadata.rule()` and `rego.metadata.chain()` return (plus location).
 */
export interface Annotations {
  scope: 'rule' | 'document' | 'package' | 'subpackages';
  title?: string;
  entrypoint?: boolean;
  description?: string;
  organizations?: string[];
  related_resources?: { ref: string; description?: string }[];
  authors?: { name?: string; email?: string }[];
  /** `path` and `schema` are ref parts as strings, e.g. `["input", "user"]`. */
  schemas?: { path: string[]; schema?: string[]; definition?: unknown }[];
  custom?: Record<string, unknown>;
  /** Where the `# METADATA` line is. */
  location?: Location;
}

export interface Import {
  path: RefTerm;
  alias?: string;
  location?: Location;
}

export interface Package {
  path: RefTerm;
  location?: Location;
  /** `package`- and `subpackages`-scoped `# METADATA` blocks written above it. */
  annotations?: Annotations[];
}

/**
 * The Rego syntax a module was read as: `v1`, `v0` (OPA's
 * `--v0-compatible`), or `v0v1`, a v0 module that imports `rego.v1` and so
 * must also pass the Rego v1 checks (OPA's `RegoV0CompatV1`).
 */
export type ModuleRegoVersion = 'v0' | 'v0v1' | 'v1';

export interface Module {
  package: Package;
  imports: Import[];
  rules: Rule[];
  /** File name the module was parsed from. */
  file: string;
  /** Absent for v1 modules (OPA 1.x's default). */
  regoVersion?: ModuleRegoVersion;
}
