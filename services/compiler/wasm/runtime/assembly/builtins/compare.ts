// Comparison builtins: equal, neq, lt, lte, gt, gte (any two values, OPA's total order).
import { opa_value_compare, opa_value_equal } from '../compare';
import { opa_boolean } from '../value';

export function opa_cmp_eq(a: usize, b: usize): usize {
  return opa_boolean(opa_value_equal(a, b));
}

export function opa_cmp_neq(a: usize, b: usize): usize {
  return opa_boolean(!opa_value_equal(a, b));
}

export function opa_cmp_lt(a: usize, b: usize): usize {
  return opa_boolean(opa_value_compare(a, b) < 0);
}

export function opa_cmp_lte(a: usize, b: usize): usize {
  return opa_boolean(opa_value_compare(a, b) <= 0);
}

export function opa_cmp_gt(a: usize, b: usize): usize {
  return opa_boolean(opa_value_compare(a, b) > 0);
}

export function opa_cmp_gte(a: usize, b: usize): usize {
  return opa_boolean(opa_value_compare(a, b) >= 0);
}
