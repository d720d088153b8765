// Entry point of runtime.wasm: every export the code generator and the host may call (see INTERFACE.md).
export { opa_runtime_error } from './abort';
export {
  opa_free,
  opa_heap_blocks_restore,
  opa_heap_blocks_stash,
  opa_heap_stash_clear,
  opa_heap_ptr_get,
  opa_heap_ptr_set,
  opa_malloc,
  opa_realloc,
  opa_runtime_heap_base,
} from './malloc';
export {
  opa_boolean,
  opa_null,
  opa_number_float,
  opa_number_int,
  opa_number_ref,
  opa_number_size,
  opa_string,
  opa_string_allocated,
  opa_string_terminated,
  opa_array,
  opa_array_with_cap,
  opa_value_boolean,
  opa_value_type,
} from './value';
export { opa_number_try_int, opa_number_try_int_result } from './number';
export { opa_array_append, opa_array_get } from './array';
export {
  opa_object,
  opa_object_get,
  opa_object_insert,
  opa_object_remove,
  opa_set,
  opa_set_add,
  opa_set_get,
  opa_set_insertion_ordered,
  opa_set_with_cap,
} from './table';
export { opa_value_compare, opa_value_equal, opa_value_hash } from './compare';
export {
  opa_object_keys,
  opa_value_as_set,
  opa_value_free,
  opa_value_get,
  opa_value_get_string,
  opa_value_json_exact,
  opa_scan_next,
  opa_scan_out,
  opa_value_iter,
  opa_value_length,
  opa_value_shallow_copy,
  opa_value_string_keyed,
} from './access';
export { opa_value_add_path, opa_value_merge, opa_value_remove_path, opa_value_upsert_path } from './paths';
export { opa_json_parse, opa_value_parse, parseEvalInput as opa_eval_input_parse } from './json-parse';
export { opa_json_dump, opa_value_dump } from './json-dump';

// Native builtins (names mapped from Rego in ../natives.ts).
export {
  opa_cmp_eq,
  opa_cmp_gt,
  opa_cmp_gte,
  opa_cmp_lt,
  opa_cmp_lte,
  opa_cmp_neq,
} from './builtins/compare';
export {
  opa_arith_abs,
  opa_arith_ceil,
  opa_arith_divide,
  opa_arith_floor,
  opa_arith_minus,
  opa_arith_multiply,
  opa_arith_plus,
  opa_arith_rem,
  opa_arith_round,
  opa_numbers_range,
} from './builtins/arithmetic';
export {
  opa_agg_count,
  opa_agg_max,
  opa_agg_min,
  opa_agg_product,
  opa_agg_sort,
  opa_agg_sum,
} from './builtins/aggregates';
export { opa_set_intersection, opa_set_union, opa_sets_intersection, opa_sets_union } from './builtins/sets';
export {
  opa_types_is_array,
  opa_types_is_boolean,
  opa_types_is_null,
  opa_types_is_number,
  opa_types_is_object,
  opa_types_is_set,
  opa_types_is_string,
  opa_types_name,
} from './builtins/types';
export { opa_builtin_member, opa_builtin_member_with_key } from './builtins/member';
export {
  opa_strings_concat,
  opa_strings_contains,
  opa_strings_endswith,
  opa_strings_format_int,
  opa_strings_indexof,
  opa_strings_lower,
  opa_strings_replace,
  opa_strings_reverse,
  opa_strings_split,
  opa_strings_startswith,
  opa_strings_substring,
  opa_strings_trim,
  opa_strings_trim_left,
  opa_strings_trim_prefix,
  opa_strings_trim_right,
  opa_strings_trim_space,
  opa_strings_trim_suffix,
  opa_strings_upper,
} from './builtins/strings';
export {
  opa_array_concat,
  opa_array_reverse,
  opa_array_slice,
  opa_builtin_object_filter,
  opa_builtin_object_get,
  opa_builtin_object_keys,
  opa_builtin_object_remove,
  opa_builtin_object_union,
} from './builtins/objects';
export { opa_builtin_object_subset } from './builtins/subset';
export { opa_builtin_walk } from './builtins/walk';
export { opa_glob_match } from './builtins/glob';
export { opa_regex_match } from './builtins/regex';
