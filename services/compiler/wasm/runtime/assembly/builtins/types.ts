// Type builtins: is_<type> (true or false) and type_name.
import {
  OPA_ARRAY,
  OPA_BOOLEAN,
  OPA_NULL,
  OPA_NUMBER,
  OPA_OBJECT,
  OPA_SET,
  OPA_STRING,
  opa_boolean,
  stringOf,
  typeOf,
} from '../value';

export function opa_types_is_number(v: usize): usize {
  return opa_boolean(typeOf(v) == OPA_NUMBER);
}

export function opa_types_is_string(v: usize): usize {
  return opa_boolean(typeOf(v) == OPA_STRING);
}

export function opa_types_is_boolean(v: usize): usize {
  return opa_boolean(typeOf(v) == OPA_BOOLEAN);
}

export function opa_types_is_array(v: usize): usize {
  return opa_boolean(typeOf(v) == OPA_ARRAY);
}

export function opa_types_is_set(v: usize): usize {
  return opa_boolean(typeOf(v) == OPA_SET);
}

export function opa_types_is_object(v: usize): usize {
  return opa_boolean(typeOf(v) == OPA_OBJECT);
}

export function opa_types_is_null(v: usize): usize {
  return opa_boolean(typeOf(v) == OPA_NULL);
}

export function opa_types_name(v: usize): usize {
  switch (typeOf(v)) {
    case OPA_NULL:
      return stringOf('null');
    case OPA_BOOLEAN:
      return stringOf('boolean');
    case OPA_NUMBER:
      return stringOf('number');
    case OPA_STRING:
      return stringOf('string');
    case OPA_ARRAY:
      return stringOf('array');
    case OPA_OBJECT:
      return stringOf('object');
    case OPA_SET:
      return stringOf('set');
  }
  return 0;
}
