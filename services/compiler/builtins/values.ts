/**
 * The values a host builtin sees. Under the SDK's JSON convention sets arrive
 * as plain arrays, so a "set" is an array the builtin treats as unordered and
 * duplicate-free. Under the exact convention (`value-text.ts`) a set is a
 * `SetValue`, still an array to every builtin, and a number no double or
 * integer can hold keeps its text as a `NumberText`.
 */

export type Value =
  null | boolean | number | bigint | NumberText | string | Value[] | { [key: string]: Value };
export type ObjectValue = { [key: string]: Value };

/** A Rego set: sorted and duplicate-free. Arrays derived from it (`map`, `filter`) are plain arrays. */
export class SetValue extends Array<Value> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** The set of `values` (sorted, duplicates dropped). */
  static fromValues(values: Value[]): SetValue {
    const set = new SetValue();
    for (const v of toSet(values)) set.push(v);
    return set;
  }
}

export function isSet(value: unknown): value is SetValue {
  return value instanceof SetValue;
}

/** A number whose text is neither an exact integer nor a finite double (`2e308`): kept as written. */
export class NumberText {
  constructor(readonly text: string) {}

  toNumber(): number {
    return Number(this.text);
  }
}

/** OPA's value type name (`ast.ValueName`); sets cannot be told from arrays here. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (isSet(value)) return 'set';
  if (Array.isArray(value)) return 'array';
  if (value instanceof NumberText) return 'number';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    case 'object':
      return 'object';
    default:
      return typeof value;
  }
}

function typeRank(value: Value): number {
  if (value === null) return 0;
  if (isSet(value)) return 6;
  if (Array.isArray(value)) return 4;
  if (value instanceof NumberText) return 2;
  switch (typeof value) {
    case 'boolean':
      return 1;
    case 'number':
    case 'bigint':
      return 2;
    case 'string':
      return 3;
    default:
      return 5;
  }
}

function compareNumbers(a: number | bigint | NumberText, b: number | bigint | NumberText): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = a instanceof NumberText ? a.toNumber() : Number(a);
  const y = b instanceof NumberText ? b.toNumber() : Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Code-point order, as Go compares strings (JS `<` compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** OPA's total order over values (`ast.Compare`): null < boolean < number < string < array < object < set. */
export function compareValues(a: Value, b: Value): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return 0;
    case 1:
      return a === b ? 0 : a ? 1 : -1;
    case 2:
      return compareNumbers(a as number | bigint | NumberText, b as number | bigint | NumberText);
    case 3:
      return compareStrings(a as string, b as string);
    case 4:
    case 6: {
      const x = a as Value[];
      const y = b as Value[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length - y.length < 0 ? -1 : x.length === y.length ? 0 : 1;
    }
    default: {
      const x = a as ObjectValue;
      const y = b as ObjectValue;
      const kx = Object.keys(x).sort(compareStrings);
      const ky = Object.keys(y).sort(compareStrings);
      for (let i = 0; i < Math.min(kx.length, ky.length); i++) {
        const ck = compareStrings(kx[i], ky[i]);
        if (ck !== 0) return ck;
        const cv = compareValues(x[kx[i]], y[ky[i]]);
        if (cv !== 0) return cv;
      }
      return kx.length - ky.length < 0 ? -1 : kx.length === ky.length ? 0 : 1;
    }
  }
}

export function valuesEqual(a: Value, b: Value): boolean {
  return compareValues(a, b) === 0;
}

/** Sorted and duplicate-free: the canonical order OPA gives a set. */
export function toSet(values: Value[]): Value[] {
  const sorted = [...values].sort(compareValues);
  return sorted.filter((v, i) => i === 0 || compareValues(sorted[i - 1], v) !== 0);
}

/** Sets an own property: assignment would treat a key "__proto__" as the prototype. */
export function setKey(obj: ObjectValue, key: string, value: Value): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function isObject(value: unknown): value is ObjectValue {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof NumberText)
  );
}

/**
 * JSON text for a value; bigints are written exactly. Object keys keep
 * insertion order unless `sortKeys` is set.
 */
export function toJSONText(value: Value, sortKeys = false): string {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof NumberText) return value.text;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot encode ${value} as JSON`);
    return JSON.stringify(value);
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => toJSONText(v, sortKeys)).join(',')}]`;
  const keys = Object.keys(value);
  if (sortKeys) keys.sort(compareStrings);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${toJSONText(value[k], sortKeys)}`).join(',')}}`;
}

export function containsBigInt(value: unknown): boolean {
  if (typeof value === 'bigint') return true;
  if (Array.isArray(value)) return value.some(containsBigInt);
  if (isObject(value)) return Object.values(value).some(containsBigInt);
  return false;
}
