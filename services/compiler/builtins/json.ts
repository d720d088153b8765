/** JSON and YAML builtins (OPA `json.go`, `encoding.go`): Go's encoder output, RFC 6902 patches. */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { BuiltinFailure } from './errors.js';
import { arrayOperand, operandError, stringOperand } from './operands.js';
import { register } from './registry.js';
import { parsePath } from './collections.js';
import {
  SetValue,
  compareStrings,
  compareValues,
  isObject,
  isSet,
  setKey,
  toJSONText,
  valuesEqual,
} from './values.js';
import type { ObjectValue, Value } from './values.js';

/** A JSON string as Go's `encoding/json` writes it (HTML-safe escapes). */
export function goJSONString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Go's `json.Marshal` of the value: keys sorted, no spaces. */
export function goMarshal(value: Value): string {
  if (typeof value === 'string') return goJSONString(value);
  if (Array.isArray(value)) return `[${value.map(goMarshal).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compareStrings);
    return `{${keys.map((k) => `${goJSONString(k)}:${goMarshal(value[k])}`).join(',')}}`;
  }
  return toJSONText(value);
}

/** Go's `json.MarshalIndent`, with the prefix also written first, as OPA does. */
function goMarshalIndent(value: Value, prefix: string, indent: string): string {
  const write = (v: Value, depth: number): string => {
    const pad = (d: number) => `\n${prefix}${indent.repeat(d)}`;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${v.map((x) => pad(depth + 1) + write(x, depth + 1)).join(',')}${pad(depth)}]`;
    }
    if (isObject(v)) {
      const keys = Object.keys(v).sort(compareStrings);
      if (keys.length === 0) return '{}';
      const items = keys.map((k) => `${pad(depth + 1)}${goJSONString(k)}: ${write(v[k], depth + 1)}`);
      return `{${items.join(',')}${pad(depth)}}`;
    }
    return goMarshal(v);
  };
  return prefix + write(value, 0);
}

function marshalWithOptions(value: unknown, options: unknown): string {
  if (!isObject(options))
    throw operandError(2, `must be object but got ${Array.isArray(options) ? 'array' : typeof options}`);
  let pretty: boolean | undefined;
  let prefix = '';
  let indent = '\t';
  let custom = false;
  for (const [key, v] of Object.entries(options)) {
    switch (key) {
      case 'pretty':
        if (typeof v !== 'boolean') throw operandError(2, 'pretty must be boolean');
        pretty = v;
        break;
      case 'prefix':
        if (typeof v !== 'string') throw operandError(2, 'prefix must be string');
        prefix = v;
        custom = true;
        break;
      case 'indent':
        if (typeof v !== 'string') throw operandError(2, 'indent must be string');
        indent = v;
        custom = true;
        break;
      default:
        throw operandError(2, `object contained unknown key ${JSON.stringify(key)}`);
    }
  }
  const usePretty = pretty ?? custom;
  return usePretty ? goMarshalIndent(value as Value, prefix, indent) : goMarshal(value as Value);
}

/**
 * Parses JSON, failing with Go's `encoding/json` wording ("unexpected end of
 * JSON input", "invalid character 'x' ...") as far as the cause can be told.
 */
export function parseJSONGo(text: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch (err) {
    const message = (err as Error).message;
    if (text.trim() === '' || /end of JSON input|Unterminated string/i.test(message)) {
      throw new BuiltinFailure('unexpected end of JSON input');
    }
    const at = /position (\d+)/.exec(message);
    const ch = at ? text[Number(at[1])] : /token '?(.)'?/.exec(message)?.[1];
    throw new BuiltinFailure(ch ? `invalid character '${ch}' looking for beginning of value` : message);
  }
}

function unmarshal(s: unknown): Value {
  return parseJSONGo(stringOperand(s, 1));
}

function yamlUnmarshal(s: unknown): Value {
  const text = stringOperand(s, 1);
  try {
    return (parseYaml(text) ?? null) as Value;
  } catch (err) {
    throw new BuiltinFailure(`yaml: ${(err as Error).message}`);
  }
}

type Container = Value[] | ObjectValue;

class PatchFailed extends Error {}

function walkTo(doc: Value, segments: Value[]): Value {
  let cur = doc;
  for (const seg of segments) {
    if (isSet(cur)) cur = setMember(cur, seg);
    else if (isObject(cur) && Object.hasOwn(cur, String(seg))) cur = cur[String(seg)];
    else if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(String(seg)) && Number(seg) < cur.length)
      cur = cur[Number(seg)];
    else throw new PatchFailed();
  }
  return cur;
}

/** The element of `set` equal to the path segment (a set is addressed by its elements). */
function setMember(set: SetValue, seg: Value): Value {
  const found = set.find((x) => valuesEqual(x, seg));
  if (found === undefined) throw new PatchFailed();
  return found;
}

function clone(v: Value): Value {
  if (isSet(v)) return SetValue.fromValues(v.map(clone));
  if (Array.isArray(v)) return v.map(clone);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  return v;
}

function arrayIndex(arr: Value[], seg: Value, allowEnd: boolean): number {
  if (allowEnd && seg === '-') return arr.length;
  const s = String(seg);
  if (!/^(0|[1-9]\d*)$/.test(s)) throw new PatchFailed();
  const i = Number(s);
  if (i > arr.length || (!allowEnd && i === arr.length)) throw new PatchFailed();
  return i;
}

function applyOp(doc: Value, op: ObjectValue): Value {
  const kind = op.op;
  if (typeof kind !== 'string' || !('path' in op)) throw new PatchFailed();
  const path = parsePath(op.path, 2);
  const parentOf = (segments: Value[]): [Container, Value] => {
    if (segments.length === 0) throw new PatchFailed();
    const parent = walkTo(doc, segments.slice(0, -1));
    if (!Array.isArray(parent) && !isObject(parent)) throw new PatchFailed();
    return [parent, segments[segments.length - 1]];
  };
  const add = (segments: Value[], value: Value): Value => {
    if (segments.length === 0) return value;
    const [parent, last] = parentOf(segments);
    if (isSet(parent)) {
      // A set member is its own key: the value added must be the path's last segment.
      if (!valuesEqual(value, last)) throw new PatchFailed();
      if (!parent.some((x) => valuesEqual(x, value))) {
        const at = parent.findIndex((x) => compareValues(x, value) > 0);
        parent.splice(at < 0 ? parent.length : at, 0, value);
      }
    } else if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true), 0, value);
    else setKey(parent, String(last), value);
    return doc;
  };
  const remove = (segments: Value[]): Value => {
    const [parent, last] = parentOf(segments);
    const removed = walkTo(doc, segments);
    if (isSet(parent)) parent.splice(parent.indexOf(removed), 1);
    else if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, false), 1);
    else delete parent[String(last)];
    return removed;
  };
  switch (kind) {
    case 'add':
      if (!('value' in op)) throw new PatchFailed();
      return add(path, clone(op.value));
    case 'remove':
      remove(path);
      return doc;
    case 'replace':
      if (!('value' in op)) throw new PatchFailed();
      if (path.length === 0) return clone(op.value);
      remove(path);
      return add(path, clone(op.value));
    case 'move': {
      if (!('from' in op)) throw new PatchFailed();
      const from = parsePath(op.from, 2);
      const moved = remove(from);
      return add(path, moved);
    }
    case 'copy': {
      if (!('from' in op)) throw new PatchFailed();
      return add(path, clone(walkTo(doc, parsePath(op.from, 2))));
    }
    case 'test':
      if (!valuesEqual(walkTo(doc, path), op.value)) throw new PatchFailed();
      return doc;
    default:
      throw new PatchFailed();
  }
}

/**
 * OPA's `json.patch`: only the patch list's type is an error; anything wrong
 * inside it (an operation that is not an object, an unknown op, a missing
 * attribute, a path that is neither a string nor an array, a path that does
 * not exist, a failed test) makes the call undefined. A string path is read
 * as OPA reads it (`parsePath`: leading slashes trimmed, so `"foo"` is
 * `"/foo"` and `"/"` the key `""`; `""` is the whole document).
 */
function jsonPatch(target: unknown, patches: unknown): Value | undefined {
  const ops = arrayOperand(patches, 2);
  let doc = clone(target as Value);
  try {
    for (const op of ops) {
      if (!isObject(op)) throw new PatchFailed();
      doc = applyOp(doc, op);
    }
  } catch {
    return undefined;
  }
  return doc;
}

register('json', {
  'json.marshal': (v) => goMarshal(v as Value),
  'json.marshal_with_options': marshalWithOptions,
  'json.unmarshal': unmarshal,
  'json.is_valid'(s) {
    if (typeof s !== 'string') return false;
    try {
      JSON.parse(s);
      return true;
    } catch {
      return false;
    }
  },
  'json.patch': jsonPatch,
  'yaml.marshal': (v) => stringifyYaml(v, { sortMapEntries: true }),
  'yaml.unmarshal': yamlUnmarshal,
  'yaml.is_valid'(s) {
    if (typeof s !== 'string') return false;
    try {
      parseYaml(s);
      return true;
    } catch {
      return false;
    }
  },
});
