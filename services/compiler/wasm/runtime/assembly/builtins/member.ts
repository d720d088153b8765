// Membership builtins behind the `in` keyword: internal.member_2 (x in c) and internal.member_3 (k, v in c).
import { opa_value_get } from '../access';
import { opa_value_compare } from '../compare';
import { tableFind, tableLen, tableNodeAt } from '../table';
import { NODE_VALUE, OPA_ARRAY, OPA_OBJECT, OPA_SET, arrAt, arrLen, opa_boolean, typeOf } from '../value';

export function opa_builtin_member(x: usize, c: usize): usize {
  switch (typeOf(c)) {
    case OPA_ARRAY: {
      const n = arrLen(c);
      for (let i: u32 = 0; i < n; i++) if (opa_value_compare(arrAt(c, i), x) == 0) return opa_boolean(true);
      break;
    }
    case OPA_SET:
      return opa_boolean(tableFind(c, x) != 0);
    case OPA_OBJECT: {
      const n = tableLen(c);
      for (let i: u32 = 0; i < n; i++) {
        if (opa_value_compare(load<u32>(tableNodeAt(c, i), NODE_VALUE), x) == 0) return opa_boolean(true);
      }
      break;
    }
  }
  return opa_boolean(false);
}

export function opa_builtin_member_with_key(k: usize, v: usize, c: usize): usize {
  const t = typeOf(c);
  if (t != OPA_ARRAY && t != OPA_OBJECT && t != OPA_SET) return opa_boolean(false);
  const found = opa_value_get(c, k);
  return opa_boolean(found != 0 && opa_value_compare(found, v) == 0);
}
