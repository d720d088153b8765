/**
 * Rego builtins implemented natively in runtime.wasm: Rego name → exported function and arity.
 * The code generator calls `fn` with the argument values and reads back a value (0 = undefined);
 * every builtin not listed here is imported from the host (`opa_builtinN`). See INTERFACE.md.
 */
export interface NativeBuiltin {
  /** Export name of the implementing function in runtime.wasm. */
  fn: string;
  /** Number of Rego arguments (= wasm parameters, each a value address, after any `tables`). */
  arity: number;
  /**
   * Wasm parameters ahead of the Rego arguments: addresses of tables the code generator builds at
   * compile time (../native-tables.ts says which), 0 when the policy has none.
   */
  tables?: number;
  /**
   * The function may answer HOST_FALLBACK (1) instead of a value: the generated code then calls
   * the host builtin of the same name with the same arguments (syntax the native does not read,
   * and errors, which only the host words as OPA does).
   */
  hostFallback?: boolean;
}

export const NATIVE_BUILTINS: Record<string, NativeBuiltin> = {
  // Comparison.
  equal: { fn: 'opa_cmp_eq', arity: 2 },
  neq: { fn: 'opa_cmp_neq', arity: 2 },
  lt: { fn: 'opa_cmp_lt', arity: 2 },
  lte: { fn: 'opa_cmp_lte', arity: 2 },
  gt: { fn: 'opa_cmp_gt', arity: 2 },
  gte: { fn: 'opa_cmp_gte', arity: 2 },
  // Arithmetic (minus also takes two sets).
  plus: { fn: 'opa_arith_plus', arity: 2 },
  minus: { fn: 'opa_arith_minus', arity: 2 },
  mul: { fn: 'opa_arith_multiply', arity: 2 },
  div: { fn: 'opa_arith_divide', arity: 2 },
  rem: { fn: 'opa_arith_rem', arity: 2 },
  abs: { fn: 'opa_arith_abs', arity: 1 },
  round: { fn: 'opa_arith_round', arity: 1 },
  ceil: { fn: 'opa_arith_ceil', arity: 1 },
  floor: { fn: 'opa_arith_floor', arity: 1 },
  'numbers.range': { fn: 'opa_numbers_range', arity: 2 },
  // Aggregates.
  count: { fn: 'opa_agg_count', arity: 1 },
  sum: { fn: 'opa_agg_sum', arity: 1 },
  product: { fn: 'opa_agg_product', arity: 1 },
  max: { fn: 'opa_agg_max', arity: 1 },
  min: { fn: 'opa_agg_min', arity: 1 },
  sort: { fn: 'opa_agg_sort', arity: 1 },
  // Sets.
  and: { fn: 'opa_set_intersection', arity: 2 },
  or: { fn: 'opa_set_union', arity: 2 },
  union: { fn: 'opa_sets_union', arity: 1 },
  intersection: { fn: 'opa_sets_intersection', arity: 1 },
  // Types.
  is_number: { fn: 'opa_types_is_number', arity: 1 },
  is_string: { fn: 'opa_types_is_string', arity: 1 },
  is_boolean: { fn: 'opa_types_is_boolean', arity: 1 },
  is_array: { fn: 'opa_types_is_array', arity: 1 },
  is_set: { fn: 'opa_types_is_set', arity: 1 },
  is_object: { fn: 'opa_types_is_object', arity: 1 },
  is_null: { fn: 'opa_types_is_null', arity: 1 },
  type_name: { fn: 'opa_types_name', arity: 1 },
  // Membership (`in`).
  'internal.member_2': { fn: 'opa_builtin_member', arity: 2 },
  'internal.member_3': { fn: 'opa_builtin_member_with_key', arity: 3 },
  // Strings.
  concat: { fn: 'opa_strings_concat', arity: 2 },
  contains: { fn: 'opa_strings_contains', arity: 2 },
  startswith: { fn: 'opa_strings_startswith', arity: 2 },
  endswith: { fn: 'opa_strings_endswith', arity: 2 },
  lower: { fn: 'opa_strings_lower', arity: 1 },
  upper: { fn: 'opa_strings_upper', arity: 1 },
  trim: { fn: 'opa_strings_trim', arity: 2 },
  trim_left: { fn: 'opa_strings_trim_left', arity: 2 },
  trim_right: { fn: 'opa_strings_trim_right', arity: 2 },
  trim_prefix: { fn: 'opa_strings_trim_prefix', arity: 2 },
  trim_suffix: { fn: 'opa_strings_trim_suffix', arity: 2 },
  trim_space: { fn: 'opa_strings_trim_space', arity: 1 },
  split: { fn: 'opa_strings_split', arity: 2 },
  replace: { fn: 'opa_strings_replace', arity: 3 },
  indexof: { fn: 'opa_strings_indexof', arity: 2 },
  substring: { fn: 'opa_strings_substring', arity: 3 },
  format_int: { fn: 'opa_strings_format_int', arity: 2 },
  'strings.reverse': { fn: 'opa_strings_reverse', arity: 1 },
  // Objects and arrays.
  'object.get': { fn: 'opa_builtin_object_get', arity: 3 },
  'object.keys': { fn: 'opa_builtin_object_keys', arity: 1 },
  'object.remove': { fn: 'opa_builtin_object_remove', arity: 2 },
  'object.filter': { fn: 'opa_builtin_object_filter', arity: 2 },
  'object.union': { fn: 'opa_builtin_object_union', arity: 2 },
  'object.subset': { fn: 'opa_builtin_object_subset', arity: 2 },
  'array.concat': { fn: 'opa_array_concat', arity: 2 },
  'array.slice': { fn: 'opa_array_slice', arity: 3 },
  'array.reverse': { fn: 'opa_array_reverse', arity: 1 },
  // Globs (patterns the native does not read, and errors, go to the host).
  'glob.match': { fn: 'opa_glob_match', arity: 3, hostFallback: true },
  // Regexes: literal patterns and the policy's constant patterns (DFAs in a compile-time table,
  // passed first: ../native-tables.ts); other patterns, and errors, go to the host.
  'regex.match': { fn: 'opa_regex_match', arity: 2, tables: 1, hostFallback: true },
  re_match: { fn: 'opa_regex_match', arity: 2, tables: 1, hostFallback: true },
  // A relation: the whole result, scanned by the plan.
  walk: { fn: 'opa_builtin_walk', arity: 1 },
};
