import type { DecisionEvent } from './event.js';

/*
 * Applies the rules `data.system.log.mask` produced to an event, as OPA's
 * decision log plugin does: a string is a JSON pointer to erase; an object
 * is {op: "remove"|"upsert", path, value}. Paths must start with /input,
 * /result or /nd_builtin_cache. Removing a path that does not exist does
 * nothing; effective removals are listed in `erased`, upserts in `masked`.
 * Pure: the event passed in is not modified.
 */

export interface MaskRule {
  op: 'remove' | 'upsert';
  /** Path segments after the first one (`/input/a/b` → part "input", keys ["a", "b"]). */
  part: 'input' | 'result' | 'nd_builtin_cache';
  keys: string[];
  value?: unknown;
  /** The path as recorded in `erased`/`masked`. */
  path: string;
}

export class MaskRuleError extends Error {
  readonly code = 'decision_log_mask_invalid';
}

const PARTS = ['input', 'result', 'nd_builtin_cache'] as const;

function parsePath(path: unknown): Pick<MaskRule, 'part' | 'keys' | 'path'> {
  if (typeof path !== 'string' || path === '') throw new MaskRuleError('mask must be non-empty');
  if (!path.startsWith('/')) throw new MaskRuleError(`mask must be slash-prefixed: ${path}`);
  const [part, ...keys] = path.slice(1).split('/');
  if (!(PARTS as readonly string[]).includes(part))
    throw new MaskRuleError(`mask prefix not allowed: ${part}`);
  return { part: part as MaskRule['part'], keys, path };
}

/** Turns the mask rule's value (an array of pointers or op objects) into rules; throws on any invalid entry. */
export function parseMaskRules(value: unknown): MaskRule[] {
  if (!Array.isArray(value)) throw new MaskRuleError(`unexpected mask rule format: ${JSON.stringify(value)}`);
  return value.map((entry): MaskRule => {
    if (typeof entry === 'string') return { op: 'remove', ...parsePath(entry) };
    if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
      const raw = entry as { op?: unknown; path?: unknown; value?: unknown };
      const op = raw.op ?? 'remove';
      if (op !== 'remove' && op !== 'upsert')
        throw new MaskRuleError(`mask op is not supported: ${String(op)}`);
      return { op, ...parsePath(raw.path), value: raw.value };
    }
    throw new MaskRuleError(`invalid mask rule: ${JSON.stringify(entry)}`);
  });
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function index(key: string, length: number): number | undefined {
  if (!/^\d+$/.test(key)) return undefined;
  const i = Number(key);
  return i < length ? i : undefined;
}

/**
 * Containers along a rule's path are copied before they are changed (copy
 * on write), once per event: masking touches a few paths of a large input,
 * and cloning the whole event cost more than the rest of logging.
 */
type Own = (value: Json) => Json;

function child(node: Json, key: string): { found: boolean; value?: Json } {
  if (isObject(node)) return Object.hasOwn(node, key) ? { found: true, value: node[key] } : { found: false };
  if (Array.isArray(node)) {
    const i = index(key, node.length);
    return i === undefined ? { found: false } : { found: true, value: node[i] };
  }
  return { found: false };
}

function setChild(node: Json, key: string, value: Json): void {
  if (Array.isArray(node)) node[index(key, node.length)!] = value;
  else Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Removes the value at `keys` under `root` (the caller's copy); false when the path does not exist. */
function remove(root: Json, keys: string[], own: Own): boolean {
  let node = root;
  for (const key of keys.slice(0, -1)) {
    const next = child(node, key);
    if (!next.found || (!isObject(next.value) && !Array.isArray(next.value))) return false;
    const copy = own(next.value);
    setChild(node, key, copy);
    node = copy;
  }
  const last = keys[keys.length - 1];
  if (isObject(node) && Object.hasOwn(node, last)) {
    delete node[last];
    return true;
  }
  if (Array.isArray(node) && index(last, node.length) !== undefined) {
    node.splice(index(last, node.length)!, 1);
    return true;
  }
  return false;
}

/** Sets the value at `keys`, creating missing objects on the way; false when a non-object is in the way. */
function upsert(root: Json, keys: string[], value: Json, own: Own): boolean {
  let node = root;
  for (const key of keys.slice(0, -1)) {
    const next = child(node, key);
    let copy: Json;
    if (next.found && (isObject(next.value) || Array.isArray(next.value))) copy = own(next.value);
    else if (!next.found && isObject(node)) copy = own({});
    else return false;
    setChild(node, key, copy);
    node = copy;
  }
  const last = keys[keys.length - 1];
  if (isObject(node)) {
    setChild(node, last, value);
    return true;
  }
  if (Array.isArray(node) && index(last, node.length) !== undefined) {
    node[index(last, node.length)!] = value;
    return true;
  }
  return false;
}

/** Returns a masked copy of `event` with `erased`/`masked` recording what each rule changed. */
export function applyMask(event: DecisionEvent, rules: MaskRule[]): DecisionEvent {
  const out = { ...event } as DecisionEvent & { nd_builtin_cache?: unknown };
  const copies = new Set<Json>();
  const own: Own = (value) => {
    if (copies.has(value)) return value;
    const copy = Array.isArray(value) ? value.slice() : { ...(value as Record<string, Json>) };
    copies.add(copy);
    return copy;
  };
  for (const rule of rules) {
    const target = out[rule.part];
    if (rule.op === 'remove') {
      if (target === undefined) continue;
      if (rule.keys.length === 0) delete out[rule.part];
      else {
        if (!isObject(target) && !Array.isArray(target)) continue;
        const root = own(target);
        if (!remove(root, rule.keys, own)) continue;
        out[rule.part] = root;
      }
      out.erased = [...(out.erased ?? []), rule.path];
    } else {
      if (rule.keys.length === 0) out[rule.part] = structuredClone(rule.value);
      else {
        if (target === undefined || !isObject(target)) continue;
        const root = own(target);
        if (!upsert(root, rule.keys, structuredClone(rule.value), own)) continue;
        out[rule.part] = root;
      }
      out.masked = [...(out.masked ?? []), rule.path];
    }
  }
  return out;
}
