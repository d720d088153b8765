/**
 * Builders for OPA's builtin type JSON (the `decl` field of capabilities.json),
 * so the catalog reads as signatures rather than nested JSON.
 */

export type OpaType =
  | { type: 'any'; of?: OpaType[] }
  | { type: 'null' }
  | { type: 'boolean' }
  | { type: 'number' }
  | { type: 'string' }
  | { type: 'array'; static?: OpaType[]; dynamic?: OpaType }
  | { type: 'set'; of: OpaType }
  | {
      type: 'object';
      static?: { key: string; value: OpaType }[];
      dynamic?: { key: OpaType; value: OpaType };
    };

export interface FunctionType {
  type: 'function';
  args: OpaType[];
  result: OpaType;
  variadic?: OpaType;
}

export const ANY: OpaType = { type: 'any' };
export const NULL: OpaType = { type: 'null' };
export const BOOL: OpaType = { type: 'boolean' };
export const NUM: OpaType = { type: 'number' };
export const STR: OpaType = { type: 'string' };

export function arrayOf(elem: OpaType): OpaType {
  return { type: 'array', dynamic: elem };
}

export function tuple(...elems: OpaType[]): OpaType {
  return { type: 'array', static: elems };
}

export function setOf(elem: OpaType): OpaType {
  return { type: 'set', of: elem };
}

export function objectOf(key: OpaType, value: OpaType): OpaType {
  return { type: 'object', dynamic: { key, value } };
}

/** An object with known keys, optionally open to any other `key: value`. */
export function record(fields: Record<string, OpaType>, rest?: { key: OpaType; value: OpaType }): OpaType {
  const staticPart = Object.keys(fields)
    .sort()
    .map((key) => ({ key, value: fields[key] }));
  return rest
    ? { type: 'object', static: staticPart, dynamic: rest }
    : { type: 'object', static: staticPart };
}

export function oneOf(...types: OpaType[]): OpaType {
  return { type: 'any', of: types };
}

export const ANY_ARRAY = arrayOf(ANY);
export const ANY_SET = setOf(ANY);
export const ANY_OBJECT = objectOf(ANY, ANY);
export const STRING_OBJECT = objectOf(STR, ANY);
export const ARRAY_OR_SET = oneOf(ANY_ARRAY, ANY_SET);
export const COLLECTION = oneOf(ANY_ARRAY, ANY_OBJECT, ANY_SET);
/** A time value: nanoseconds, or `[ns, timezone]`. */
export const TIME_ARG = oneOf(NUM, tuple(NUM, STR));
