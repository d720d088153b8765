/**
 * OPA's type lattice (`v1/types`) as plain data: the types the checker
 * infers for terms, rules and builtin arguments, their order, union,
 * selection and printing. `undefined` is OPA's nil type: nothing is known,
 * printed `???`.
 */
import type { Term } from '../../rego/ast.js';

export type MaybeType = Type | undefined;

/** A known object key: a ground term (OPA keeps the key's JSON value). */
export interface StaticProperty {
  key: Term;
  value: MaybeType;
}

export interface DynamicProperty {
  key: MaybeType;
  value: MaybeType;
}

export type Type =
  | { type: 'null' }
  | { type: 'boolean' }
  | { type: 'number' }
  | { type: 'string' }
  /** Known positions first, then any number of `dynamic` elements (absent: none). */
  | { type: 'array'; static: MaybeType[]; dynamic?: Type }
  /** `static` is sorted by key; `dynamic` absent means no other keys. */
  | { type: 'object'; static: StaticProperty[]; dynamic?: DynamicProperty }
  | { type: 'set'; of: MaybeType }
  /** A union, sorted and without duplicates; `of: []` is the type of everything. */
  | { type: 'any'; of: Type[] }
  | FunctionType;

export interface FunctionType {
  type: 'function';
  args: MaybeType[];
  /** Absent for void functions (`print`). */
  result?: MaybeType;
  variadic?: Type;
  /** OPA's argument and result names, printed in `want:` lines. */
  argNames?: string[];
  resultName?: string;
}

export type ArrayType = Extract<Type, { type: 'array' }>;
export type ObjectType = Extract<Type, { type: 'object' }>;
export type SetType = Extract<Type, { type: 'set' }>;
export type AnyType = Extract<Type, { type: 'any' }>;

export const NULL: Type = { type: 'null' };
export const BOOLEAN: Type = { type: 'boolean' };
export const NUMBER: Type = { type: 'number' };
export const STRING: Type = { type: 'string' };
export const ANY: AnyType = { type: 'any', of: [] };

export function arrayType(staticPart: MaybeType[], dynamic?: Type): ArrayType {
  return dynamic ? { type: 'array', static: staticPart, dynamic } : { type: 'array', static: staticPart };
}

export function objectType(staticPart: StaticProperty[], dynamic?: DynamicProperty): ObjectType {
  const sorted = [...staticPart].sort((a, b) => compareKeys(a.key, b.key));
  return dynamic ? { type: 'object', static: sorted, dynamic } : { type: 'object', static: sorted };
}

export function setType(of: MaybeType): SetType {
  return { type: 'set', of };
}

export const ANY_OBJECT = objectType([], { key: ANY, value: ANY });

/** A union of the given types, sorted (OPA's `NewAny`). */
export function anyOf(...types: Type[]): AnyType {
  const sorted = [...types].sort(compareTypes);
  const unique: Type[] = [];
  for (const t of sorted)
    if (unique.length === 0 || compareTypes(unique[unique.length - 1], t) !== 0) unique.push(t);
  return { type: 'any', of: unique };
}

// ---------------------------------------------------------------- ordering

const TYPE_ORDER: Record<Type['type'], number> = {
  null: 0,
  boolean: 1,
  number: 2,
  string: 3,
  array: 4,
  object: 5,
  set: 6,
  any: 7,
  function: 8,
};

function order(t: MaybeType): number {
  return t === undefined ? -1 : TYPE_ORDER[t.type];
}

function compareLists(a: MaybeType[], b: MaybeType[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareTypes(a[i], b[i]);
    if (c !== 0) return c;
  }
  return Math.sign(a.length - b.length);
}

/** OPA's `types.Compare`: a total order on types (nil first). */
export function compareTypes(a: MaybeType, b: MaybeType): number {
  const x = order(a);
  const y = order(b);
  if (x !== y) return x > y ? 1 : -1;
  if (a === undefined || b === undefined) return 0;
  switch (a.type) {
    case 'array': {
      const bb = b as ArrayType;
      if (a.dynamic && !bb.dynamic) return 1;
      if (bb.dynamic && !a.dynamic) return -1;
      if (a.dynamic && bb.dynamic) {
        const c = compareTypes(a.dynamic, bb.dynamic);
        if (c !== 0) return c;
      }
      return compareLists(a.static, bb.static);
    }
    case 'object': {
      const bb = b as ObjectType;
      if (a.dynamic && !bb.dynamic) return 1;
      if (bb.dynamic && !a.dynamic) return -1;
      if (a.dynamic && bb.dynamic) {
        const c =
          compareTypes(a.dynamic.key, bb.dynamic.key) || compareTypes(a.dynamic.value, bb.dynamic.value);
        if (c !== 0) return c;
      }
      for (let i = 0; i < Math.min(a.static.length, bb.static.length); i++) {
        const c =
          compareKeys(a.static[i].key, bb.static[i].key) ||
          compareTypes(a.static[i].value, bb.static[i].value);
        if (c !== 0) return c;
      }
      return Math.sign(a.static.length - bb.static.length);
    }
    case 'set':
      return compareTypes(a.of, (b as SetType).of);
    case 'any':
      return compareLists(a.of, (b as AnyType).of);
    case 'function': {
      const bb = b as FunctionType;
      if (a.args.length !== bb.args.length) return a.args.length < bb.args.length ? -1 : 1;
      return (
        compareLists(a.args, bb.args) ||
        compareTypes(a.result, bb.result) ||
        compareTypes(a.variadic, bb.variadic)
      );
    }
    default:
      return 0;
  }
}

const KEY_ORDER: Record<string, number> = {
  null: 0,
  boolean: 1,
  number: 2,
  string: 3,
  array: 4,
  set: 4,
  object: 5,
};

/** Order of object keys as OPA's `util.Compare` orders their JSON values. */
export function compareKeys(a: Term, b: Term): number {
  const x = KEY_ORDER[a.type] ?? 6;
  const y = KEY_ORDER[b.type] ?? 6;
  if (x !== y) return x < y ? -1 : 1;
  switch (a.type) {
    case 'boolean':
      return Number(a.value) - Number(b.value as boolean);
    case 'number':
      return Math.sign(Number(a.value) - Number(b.value as string));
    case 'string':
      return a.value < (b.value as string) ? -1 : a.value > (b.value as string) ? 1 : 0;
    case 'array':
    case 'set': {
      const bv = b.value as Term[];
      for (let i = 0; i < Math.min(a.value.length, bv.length); i++) {
        const c = compareKeys(a.value[i], bv[i]);
        if (c !== 0) return c;
      }
      return Math.sign(a.value.length - bv.length);
    }
    case 'object': {
      const bv = b.value as [Term, Term][];
      for (let i = 0; i < Math.min(a.value.length, bv.length); i++) {
        const c = compareKeys(a.value[i][0], bv[i][0]) || compareKeys(a.value[i][1], bv[i][1]);
        if (c !== 0) return c;
      }
      return Math.sign(a.value.length - bv.length);
    }
    default:
      return 0;
  }
}

// ---------------------------------------------------------------- union

/** Whether `a` is a superset of or equal to `b` (OPA's `types.Contains`). */
export function containsType(a: MaybeType, b: MaybeType): boolean {
  if (a?.type === 'any') return anyContains(a, b);
  return compareTypes(a, b) === 0;
}

function anyContains(a: AnyType, b: MaybeType): boolean {
  if (b?.type === 'function') return false;
  if (a.of.length === 0) return true;
  return a.of.some((t) => compareTypes(t, b) === 0);
}

function anyMerge(a: AnyType, b: Type): AnyType {
  if (b.type === 'any') return anyUnion(a, b);
  if (anyContains(a, b)) return a;
  return { type: 'any', of: [...a.of, b].sort(compareTypes) };
}

function anyUnion(a: AnyType, b: AnyType): AnyType {
  if (a.of.length === 0) return a;
  if (b.of.length === 0) return b;
  return anyOf(...a.of, ...b.of);
}

function functionUnion(a: FunctionType, b: FunctionType): MaybeType {
  if (a.args.length !== b.args.length) return undefined;
  if (!!a.variadic !== !!b.variadic) return undefined;
  const fn: FunctionType = {
    type: 'function',
    args: a.args.map((t, i) => orTypes(t, b.args[i])),
    result: orTypes(a.result, b.result),
  };
  const variadic = orTypes(a.variadic, b.variadic);
  if (variadic) fn.variadic = variadic;
  return fn;
}

/** The union of two types; a superset of the other is returned as is (OPA's `types.Or`). */
export function orTypes(a: MaybeType, b: MaybeType): MaybeType {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.type === 'function' && b.type === 'function') return functionUnion(a, b);
  if (a.type === 'function' || b.type === 'function') return undefined;
  if (a.type === 'any') return anyMerge(a, b);
  if (b.type === 'any') return anyMerge(b, a);
  if (compareTypes(a, b) === 0) return a;
  return anyOf(a, b);
}

// ---------------------------------------------------------------- selection

/** The JSON value of a ground term as OPA's `TypeOf` sees it. */
export function typeOfValue(t: Term): MaybeType {
  switch (t.type) {
    case 'null':
      return NULL;
    case 'boolean':
      return BOOLEAN;
    case 'number':
      return NUMBER;
    case 'string':
      return STRING;
    case 'array':
    case 'set':
      return arrayType(t.value.map(typeOfValue));
    case 'object':
      return objectType(t.value.map(([k, v]) => ({ key: k, value: typeOfValue(v) })));
    default:
      return undefined;
  }
}

function keysEqual(a: Term, b: Term): boolean {
  return a.type === b.type && compareKeys(a, b) === 0;
}

/** The type of element `key` (a ground term) of `a`, if known (OPA's `types.Select`). */
export function selectType(a: MaybeType, key: Term): MaybeType {
  if (a === undefined) return undefined;
  switch (a.type) {
    case 'array': {
      if (key.type !== 'number') return undefined;
      const n = Number(key.value);
      if (!Number.isInteger(n) || n < 0) return undefined;
      if (n < a.static.length) return a.static[n];
      return a.dynamic;
    }
    case 'object': {
      const found = a.static.find((p) => keysEqual(p.key, key));
      if (found) return found.value;
      if (a.dynamic && containsType(a.dynamic.key, typeOfValue(key))) return a.dynamic.value;
      return undefined;
    }
    case 'set': {
      const tpe = typeOfValue(key);
      if (compareTypes(a.of, tpe) === 0) return a.of;
      if (a.of?.type === 'any' && anyContains(a.of, tpe)) return tpe;
      return undefined;
    }
    case 'any': {
      if (a.of.length === 0) return ANY;
      let tpe: MaybeType;
      for (const t of a.of) tpe = orTypes(selectType(t, key), tpe);
      return tpe;
    }
    default:
      return undefined;
  }
}

/** The type of the keys that iterating over `a` binds (OPA's `types.Keys`). */
export function keysType(a: MaybeType): MaybeType {
  if (a === undefined) return undefined;
  switch (a.type) {
    case 'array':
      return NUMBER;
    case 'object': {
      let tpe: MaybeType;
      for (const p of a.static) tpe = orTypes(tpe, typeOfValue(p.key));
      if (a.dynamic) tpe = orTypes(tpe, a.dynamic.key);
      return tpe;
    }
    case 'set':
      return a.of;
    case 'any': {
      if (a.of.length === 0) return ANY;
      let tpe: MaybeType;
      for (const t of a.of) tpe = orTypes(keysType(t), tpe);
      return tpe;
    }
    default:
      return undefined;
  }
}

/** The type of the values that iterating over `a` binds (OPA's `types.Values`). */
export function valuesType(a: MaybeType): MaybeType {
  if (a === undefined) return undefined;
  switch (a.type) {
    case 'array': {
      let tpe: MaybeType;
      for (const t of a.static) tpe = orTypes(tpe, t);
      return orTypes(tpe, a.dynamic);
    }
    case 'object': {
      let tpe: MaybeType;
      for (const p of a.static) tpe = orTypes(tpe, p.value);
      if (a.dynamic) tpe = orTypes(tpe, a.dynamic.value);
      return tpe;
    }
    case 'set':
      return a.of;
    case 'any': {
      if (a.of.length === 0) return ANY;
      let tpe: MaybeType;
      for (const t of a.of) tpe = orTypes(valuesType(t), tpe);
      return tpe;
    }
    default:
      return undefined;
  }
}

/** Whether any part of `a` is unknown (OPA's `types.Nil`). */
export function isNilType(a: MaybeType): boolean {
  if (a === undefined) return true;
  switch (a.type) {
    case 'function':
      return a.args.some(isNilType) || (a.result !== undefined && isNilType(a.result));
    case 'array':
      return a.static.some(isNilType) || (a.dynamic !== undefined && isNilType(a.dynamic));
    case 'object':
      return (
        a.static.some((p) => isNilType(p.value)) ||
        (a.dynamic !== undefined && (isNilType(a.dynamic.key) || isNilType(a.dynamic.value)))
      );
    case 'set':
      return isNilType(a.of);
    default:
      return false;
  }
}

// ---------------------------------------------------------------- printing

/** An object key as Go's `%v` prints its JSON value. */
function keyText(k: Term): string {
  switch (k.type) {
    case 'null':
      return '<nil>';
    case 'boolean':
    case 'number':
    case 'string':
      return String(k.value);
    case 'array':
    case 'set':
      return `[${k.value.map(keyText).join(' ')}]`;
    case 'object': {
      const entries = k.value.map(([a, b]) => `${keyText(a)}:${keyText(b)}`).sort();
      return `map[${entries.join(' ')}]`;
    }
    default:
      return '';
  }
}

/** A type as OPA prints it: `array[any]`, `object<a: number>[string: any]`, `any<null, string>`. */
export function typeToString(t: MaybeType): string {
  if (t === undefined) return '???';
  switch (t.type) {
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
      return t.type;
    case 'array': {
      let s = 'array';
      if (t.static.length > 0) s += `<${t.static.map(typeToString).join(', ')}>`;
      if (t.dynamic) s += `[${typeToString(t.dynamic)}]`;
      return s;
    }
    case 'object': {
      let s = 'object';
      if (t.static.length > 0)
        s += `<${t.static.map((p) => `${keyText(p.key)}: ${typeToString(p.value)}`).join(', ')}>`;
      if (t.dynamic) s += `[${typeToString(t.dynamic.key)}: ${typeToString(t.dynamic.value)}]`;
      return s;
    }
    case 'set':
      return `set[${typeToString(t.of)}]`;
    case 'any':
      return t.of.length === 0 ? 'any' : `any<${t.of.map(typeToString).join(', ')}>`;
    case 'function':
      return `${argsToString(t, false)} => ${typeToString(t.result)}`;
  }
}

/** A function's arguments, `(x: number, y: number)`; with `named`, OPA's argument names are shown. */
export function argsToString(fn: FunctionType, named: boolean, withResult = false): string {
  const parts = fn.args.map((a, i) => {
    const name = named ? fn.argNames?.[i] : undefined;
    return name ? `${name}: ${typeToString(a)}` : typeToString(a);
  });
  if (withResult && fn.result !== undefined) {
    const name = named ? fn.resultName : undefined;
    parts.push(name ? `${name}: ${typeToString(fn.result)}` : typeToString(fn.result));
  }
  if (fn.variadic) parts.push(`${typeToString(fn.variadic)}...`);
  return `(${parts.join(', ')})`;
}
