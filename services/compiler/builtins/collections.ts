/**
 * Arrays, sets, objects and JSON-path edits (OPA `array.go`, `sets.go`,
 * `object.go`, `json.go` filter/remove/patch). Sets arrive as arrays and go
 * back as sorted, duplicate-free arrays.
 */
import { BuiltinFailure } from './errors.js';
import {
  arrayOperand,
  intOperand,
  objectOperand,
  operandElementError,
  operandError,
  operandTypeError,
} from './operands.js';
import { register } from './registry.js';
import { compareStrings, isObject, setKey, toSet, typeName, valuesEqual } from './values.js';
import type { ObjectValue, Value } from './values.js';

function setArg(value: unknown, pos: number): Value[] {
  if (!Array.isArray(value)) throw operandTypeError(pos, value, 'set');
  return value as Value[];
}

function setOfSets(value: unknown): Value[][] {
  if (!Array.isArray(value)) throw operandTypeError(1, value, 'set');
  return value.map((inner: unknown) => {
    if (!Array.isArray(inner)) throw operandTypeError(1, inner, 'set');
    return inner as Value[];
  });
}

function has(set: Value[], v: Value): boolean {
  return set.some((x) => valuesEqual(x, v));
}

/** Keys named by a collection operand: an array, a set, or an object's keys. */
function keysOf(value: unknown, pos: number): Value[] {
  if (Array.isArray(value)) return value as Value[];
  if (isObject(value)) return Object.keys(value);
  throw operandTypeError(pos, value, 'object', 'set', 'array');
}

function objectUnion(a: ObjectValue, b: ObjectValue): ObjectValue {
  const out: ObjectValue = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const mine = Object.hasOwn(out, k) ? out[k] : undefined;
    setKey(out, k, isObject(mine) && isObject(v) ? objectUnion(mine, v) : v);
  }
  return out;
}

function isSubset(sup: Value, sub: Value): boolean {
  if (isObject(sup) && isObject(sub)) {
    return Object.entries(sub).every(([k, v]) => k in sup && (valuesEqual(sup[k], v) || isSubset(sup[k], v)));
  }
  if (Array.isArray(sup) && Array.isArray(sub)) {
    // Sets arrive as arrays: an array subset is a contiguous run; a set subset is membership.
    if (sub.length === 0) return true;
    for (let i = 0; i + sub.length <= sup.length; i++) {
      if (sub.every((v, k) => valuesEqual(sup[i + k], v))) return true;
    }
    return sub.every((v) => has(sup, v));
  }
  return false;
}

/** A JSON path given as `"a/b/c"` (leading `/` optional, `~0` `~1` escapes) or as an array of segments. */
export function parsePath(path: Value, pos: number): Value[] {
  if (typeof path === 'string') {
    // As OPA's parsePath: "" is the whole document, "/" the key "" (RFC 6901); leading slashes are trimmed.
    if (path === '') return [];
    return path
      .replace(/^\/+/, '')
      .split('/')
      .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  if (Array.isArray(path)) return path;
  throw operandElementError(pos, path, 'string', 'array');
}

interface PathTree {
  [segment: string]: PathTree | null;
}

function segmentKey(seg: Value): string {
  return typeof seg === 'string' ? seg : JSON.stringify(seg);
}

function buildTree(paths: Value[][]): PathTree {
  // No prototype: a path segment "__proto__" is a key like any other.
  const root: PathTree = Object.create(null) as PathTree;
  for (const path of paths) {
    let node: PathTree | null = root;
    for (let i = 0; i < path.length && node; i++) {
      const key = segmentKey(path[i]);
      if (i === path.length - 1) node[key] = null;
      else {
        if (node[key] === null) break;
        node[key] ??= Object.create(null) as PathTree;
        node = node[key];
      }
    }
  }
  return root;
}

function filterByTree(value: Value, tree: PathTree): Value | undefined {
  if (isObject(value)) {
    const out: ObjectValue = {};
    for (const [k, sub] of Object.entries(tree)) {
      if (!Object.hasOwn(value, k)) continue;
      if (sub === null) setKey(out, k, value[k]);
      else {
        const inner = filterByTree(value[k], sub);
        if (inner !== undefined) setKey(out, k, inner);
      }
    }
    return out;
  }
  if (Array.isArray(value)) {
    const out: Value[] = [];
    value.forEach((item, i) => {
      const sub = tree[String(i)];
      if (sub === undefined) return;
      if (sub === null) out.push(item);
      else {
        const inner = filterByTree(item, sub);
        if (inner !== undefined) out.push(inner);
      }
    });
    return out;
  }
  return undefined;
}

function removeByTree(value: Value, tree: PathTree): Value {
  if (isObject(value)) {
    const out: ObjectValue = {};
    for (const [k, v] of Object.entries(value)) {
      const sub = tree[k];
      if (sub === null) continue;
      setKey(out, k, sub === undefined ? v : removeByTree(v, sub));
    }
    return out;
  }
  if (Array.isArray(value)) {
    const out: Value[] = [];
    value.forEach((item, i) => {
      const sub = tree[String(i)];
      if (sub === null) return;
      out.push(sub === undefined ? item : removeByTree(item, sub));
    });
    return out;
  }
  return value;
}

function pathsOperand(value: unknown, pos: number): Value[][] {
  if (!Array.isArray(value)) throw operandTypeError(pos, value, 'set', 'array');
  return (value as Value[]).map((p) => {
    if (typeof p !== 'string' && !Array.isArray(p)) {
      throw operandError(
        pos,
        `must be one of {set, array} containing string paths or array of path segments but got ${typeName(p)}`,
      );
    }
    return parsePath(p, pos);
  });
}

/**
 * `walk` as the planner uses it: the relation's whole result, every
 * `[path, value]` pair in OPA's order (pre-order, object keys sorted). Sets
 * arrive as arrays, so their members get index paths here.
 */
function walk(value: unknown): Value[] {
  const out: Value[] = [];
  const visit = (v: Value, path: Value[]) => {
    out.push([path, v]);
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
    else if (isObject(v)) {
      for (const k of Object.keys(v).sort(compareStrings)) visit(v[k], [...path, k]);
    }
  };
  visit(value as Value, []);
  return out;
}

register('collections', {
  walk,
  'array.concat': (a, b) => [...arrayOperand(a, 1), ...arrayOperand(b, 2)],
  'array.reverse': (a) => [...arrayOperand(a, 1)].reverse(),
  'array.slice'(a, start, stop) {
    const arr = arrayOperand(a, 1);
    let from = intOperand(start, 2);
    let to = intOperand(stop, 3);
    from = Math.max(0, from);
    to = Math.min(arr.length, to);
    if (from >= to) return [];
    return arr.slice(from, to);
  },
  and: (a, b) => {
    const right = setArg(b, 2);
    return toSet(setArg(a, 1).filter((v) => has(right, v)));
  },
  or: (a, b) => toSet([...setArg(a, 1), ...setArg(b, 2)]),
  set_diff: (a, b) => {
    const right = setArg(b, 2);
    return toSet(setArg(a, 1).filter((v) => !has(right, v)));
  },
  union: (s) => toSet(setOfSets(s).flat()),
  intersection(s) {
    const sets = setOfSets(s);
    if (sets.length === 0) return [];
    return toSet(sets[0].filter((v) => sets.every((other) => has(other, v))));
  },
  'object.get'(obj, key, fallback) {
    const o = objectOperand(obj, 1);
    if (!Array.isArray(key)) return typeof key === 'string' && key in o ? o[key] : fallback;
    let cur: Value = o;
    for (const seg of key as Value[]) {
      if (isObject(cur) && typeof seg === 'string' && seg in cur) cur = cur[seg];
      else if (
        Array.isArray(cur) &&
        typeof seg === 'number' &&
        Number.isInteger(seg) &&
        seg >= 0 &&
        seg < cur.length
      ) {
        cur = cur[seg];
      } else return fallback;
    }
    return cur;
  },
  'object.keys': (obj) => toSet(Object.keys(objectOperand(obj, 1))),
  'object.remove'(obj, keys) {
    const o = objectOperand(obj, 1);
    const drop = keysOf(keys, 2);
    return Object.fromEntries(Object.entries(o).filter(([k]) => !has(drop, k)));
  },
  'object.filter'(obj, keys) {
    const o = objectOperand(obj, 1);
    const keep = keysOf(keys, 2);
    return Object.fromEntries(Object.entries(o).filter(([k]) => has(keep, k)));
  },
  'object.union': (a, b) => objectUnion(objectOperand(a, 1), objectOperand(b, 2)),
  'object.union_n'(list) {
    const objects = arrayOperand(list, 1);
    return objects.reduce<ObjectValue>((acc, o) => {
      if (!isObject(o)) throw operandElementError(1, o, 'object');
      return objectUnion(acc, o);
    }, {});
  },
  'object.subset'(sup, sub) {
    const supOk = Array.isArray(sup) || isObject(sup);
    if (!supOk) throw operandTypeError(1, sup, 'object', 'set', 'array');
    if (!(Array.isArray(sub) || isObject(sub))) throw operandTypeError(2, sub, 'object', 'set', 'array');
    if (Array.isArray(sup) !== Array.isArray(sub)) {
      throw new BuiltinFailure('both arguments object.subset must be of the same type or array and set');
    }
    return isSubset(sup as Value, sub as Value);
  },
  'json.filter': (obj, paths) => filterByTree(objectOperand(obj, 1), buildTree(pathsOperand(paths, 2))),
  'json.remove': (obj, paths) => removeByTree(objectOperand(obj, 1), buildTree(pathsOperand(paths, 2))),
});
