/**
 * The planner's intermediate representation, modelled on OPA's IR
 * (`docs/docs/ir.md`, `v1/ir/ir.go`). The in-memory form is the JSON form:
 * a plan printed with JSON.stringify has the shape of `opa build -t plan`.
 *
 * Locals 0 and 1 are always the input and data documents.
 */

export type Local = number;

export const INPUT_LOCAL: Local = 0;
export const DATA_LOCAL: Local = 1;
/** First local a plan or function may allocate freely. */
export const FIRST_FREE_LOCAL: Local = 2;

export type Operand =
  | { type: 'local'; value: Local }
  | { type: 'string_index'; value: number }
  | { type: 'bool'; value: boolean };

/** Source position of a statement: index into `static.files`, 1-based row and column. */
export interface StmtLocation {
  file: number;
  row: number;
  col: number;
}

export interface Block {
  stmts: Stmt[];
}

type S<T extends string, B> = { type: T; stmt: B & StmtLocation };

export type ReturnLocalStmt = S<'ReturnLocalStmt', { source: Local }>;
export type CallStmt = S<'CallStmt', { func: string; args: Operand[]; result: Local }>;
export type CallDynamicStmt = S<'CallDynamicStmt', { args: Local[]; path: Operand[]; result: Local }>;
export type BlockStmt = S<'BlockStmt', { blocks: Block[] }>;
/** Jumps out of `index + 1` enclosing blocks (0 = the current one). */
export type BreakStmt = S<'BreakStmt', { index: number }>;
export type DotStmt = S<'DotStmt', { source: Operand; key: Operand; target: Local }>;
export type LenStmt = S<'LenStmt', { source: Operand; target: Local }>;
export type ScanStmt = S<'ScanStmt', { source: Local; key: Local; value: Local; block: Block }>;
export type NotStmt = S<'NotStmt', { block: Block }>;
export type AssignIntStmt = S<'AssignIntStmt', { value: number; target: Local }>;
export type AssignVarStmt = S<'AssignVarStmt', { source: Operand; target: Local }>;
export type AssignVarOnceStmt = S<'AssignVarOnceStmt', { source: Operand; target: Local }>;
export type ResetLocalStmt = S<'ResetLocalStmt', { target: Local }>;
export type MakeNullStmt = S<'MakeNullStmt', { target: Local }>;
export type MakeNumberIntStmt = S<'MakeNumberIntStmt', { value: number; target: Local }>;
/** `Index` is capitalised in OPA's JSON too (the Go field has no tag). */
export type MakeNumberRefStmt = S<'MakeNumberRefStmt', { Index: number; target: Local }>;
export type MakeArrayStmt = S<'MakeArrayStmt', { capacity: number; target: Local }>;
export type MakeObjectStmt = S<'MakeObjectStmt', { target: Local }>;
export type MakeSetStmt = S<'MakeSetStmt', { target: Local }>;
export type EqualStmt = S<'EqualStmt', { a: Operand; b: Operand }>;
export type NotEqualStmt = S<'NotEqualStmt', { a: Operand; b: Operand }>;
export type IsArrayStmt = S<'IsArrayStmt', { source: Operand }>;
export type IsObjectStmt = S<'IsObjectStmt', { source: Operand }>;
export type IsSetStmt = S<'IsSetStmt', { source: Operand }>;
export type IsDefinedStmt = S<'IsDefinedStmt', { source: Local }>;
export type IsUndefinedStmt = S<'IsUndefinedStmt', { source: Local }>;
export type ArrayAppendStmt = S<'ArrayAppendStmt', { value: Operand; array: Local }>;
export type ObjectInsertStmt = S<'ObjectInsertStmt', { key: Operand; value: Operand; object: Local }>;
export type ObjectInsertOnceStmt = S<'ObjectInsertOnceStmt', { key: Operand; value: Operand; object: Local }>;
export type ObjectMergeStmt = S<'ObjectMergeStmt', { a: Local; b: Local; target: Local }>;
export type SetAddStmt = S<'SetAddStmt', { value: Operand; set: Local }>;
/** `path` holds string-table indices. */
export type WithStmt = S<'WithStmt', { local: Local; path: number[]; value: Operand; block: Block }>;
export type NopStmt = S<'NopStmt', Record<never, never>>;
export type ResultSetAddStmt = S<'ResultSetAddStmt', { value: Local }>;

export type Stmt =
  | ReturnLocalStmt
  | CallStmt
  | CallDynamicStmt
  | BlockStmt
  | BreakStmt
  | DotStmt
  | LenStmt
  | ScanStmt
  | NotStmt
  | AssignIntStmt
  | AssignVarStmt
  | AssignVarOnceStmt
  | ResetLocalStmt
  | MakeNullStmt
  | MakeNumberIntStmt
  | MakeNumberRefStmt
  | MakeArrayStmt
  | MakeObjectStmt
  | MakeSetStmt
  | EqualStmt
  | NotEqualStmt
  | IsArrayStmt
  | IsObjectStmt
  | IsSetStmt
  | IsDefinedStmt
  | IsUndefinedStmt
  | ArrayAppendStmt
  | ObjectInsertStmt
  | ObjectInsertOnceStmt
  | ObjectMergeStmt
  | SetAddStmt
  | WithStmt
  | NopStmt
  | ResultSetAddStmt;

export type StmtType = Stmt['type'];

/** A query plan: the entry point `name` (e.g. `gateway/decision`). */
export interface Plan {
  name: string;
  blocks: Block[];
}

/**
 * A planned function (a rule or a user function). By convention params[0]
 * is input and params[1] is data; `path` is the rule's path such as
 * `["g0", "test", "p"]`.
 */
export interface Func {
  name: string;
  params: Local[];
  return: Local;
  blocks: Block[];
  path?: string[];
}

/** A builtin the policy calls; `decl` follows OPA's type JSON. */
export interface BuiltinFunc {
  name: string;
  decl: { type: 'function'; args?: unknown[]; result?: unknown; variadic?: unknown };
}

export interface Static {
  strings: { value: string }[];
  builtin_funcs?: BuiltinFunc[];
  files: { value: string }[];
}

export interface Policy {
  static: Static;
  plans: { plans: Plan[] };
  funcs: { funcs: Func[] };
}
