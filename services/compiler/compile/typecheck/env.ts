/**
 * The type environment (OPA's `TypeEnv`): a tree of types keyed by ref
 * parts (`data` → `pkg` → `rule`, `input` → `user`, local vars), in layers
 * (a body's vars wrap the rules' types, which wrap the builtins and the
 * input schema). Lookups fall through to the outer layer.
 */
import type { Body, Term } from '../../rego/ast.js';
import type { RegoError } from '../../errors.js';
import { isGround } from '../terms.js';
import {
  ANY,
  BOOLEAN,
  NULL,
  NUMBER,
  STRING,
  arrayType,
  objectType,
  orTypes,
  selectType,
  setType,
  valuesType,
  type DynamicProperty,
  type FunctionType,
  type MaybeType,
  type ObjectType,
  type StaticProperty,
  type Type,
} from './types.js';

/** What a type environment needs from the checker that owns it. */
export interface CheckContext {
  /** Type-checks a closure body against `env` (comprehension types need it). */
  checkBody(env: TypeEnv, body: Body): { env: TypeEnv; errors: RegoError[] };
  /** The declared type of a builtin, or undefined. */
  builtin(name: string): FunctionType | undefined;
}

/** Identity of a ref part or var as a tree key: equal values, equal keys. */
export function valueKey(t: Term): string {
  switch (t.type) {
    case 'var':
      return `v:${t.value}`;
    case 'string':
      return `s:${t.value}`;
    case 'number':
      return `n:${Number(t.value)}`;
    case 'boolean':
      return `b:${t.value}`;
    case 'null':
      return 'null';
    case 'array':
    case 'ref':
    case 'call':
      return `${t.type}[${t.value.map(valueKey).join(',')}]`;
    case 'set':
      return `set{${t.value.map(valueKey).sort().join(',')}}`;
    case 'object':
      return `object{${t.value
        .map(([k, v]) => `${valueKey(k)}:${valueKey(v)}`)
        .sort()
        .join(',')}}`;
    default:
      return JSON.stringify(t, (k, v) => (k === 'location' ? undefined : v));
  }
}

const ROOT_DOCUMENTS = new Set(['data', 'input']);

export function isRootDocument(t: Term): boolean {
  return t.type === 'var' && ROOT_DOCUMENTS.has(t.value);
}

export class TypeNode {
  /** The type at this node; a node with a type is a leaf (it may still have children). */
  value: MaybeType;
  readonly children = new Map<string, TypeNode>();

  constructor(readonly key?: Term) {}

  child(k: Term): TypeNode | undefined {
    return this.children.get(valueKey(k));
  }

  leaf(): boolean {
    return this.value !== undefined;
  }

  private childOrNew(k: Term): TypeNode {
    const id = valueKey(k);
    let node = this.children.get(id);
    if (!node) {
      node = new TypeNode(k);
      this.children.set(id, node);
    }
    return node;
  }

  putOne(k: Term, t: MaybeType): void {
    this.childOrNew(k).value = t;
  }

  put(path: Term[], t: MaybeType): void {
    const last = path.slice(0, -1).reduce<TypeNode>((node, part) => node.childOrNew(part), this);
    if (path.length === 0) this.value = t;
    else last.putOne(path[path.length - 1], t);
  }

  /**
   * Puts `t` at the ground `path`, merging it with a type already there and
   * into object types met on the way (rules of one document, OPA's `Insert`).
   */
  insert(path: Term[], t: Type, env: TypeEnv): void {
    const curr = path.reduce<TypeNode>((node, part, i) => {
      const existed = node.child(part);
      const child = existed ?? node.childOrNew(part);
      if (existed && child.value?.type === 'object' && i + 1 < path.length) {
        child.value = insertIntoObject(child.value, path.slice(i + 1), t, env);
      }
      return child;
    }, this);
    curr.value = mergeTypes(curr.value, t);
    if (t.type === 'object' && curr.children.size > 0) {
      for (const [leafPath, leafType] of curr.leafs()) {
        if (curr.value?.type === 'object') curr.value = insertIntoObject(curr.value, leafPath, leafType, env);
      }
    }
  }

  /** Paths (from this node's children) and types of the leaves below this node. */
  leafs(): [Term[], Type][] {
    const out: [Term[], Type][] = [];
    const collect = (n: TypeNode, path: Term[]): void => {
      const here = [...path, n.key as Term];
      if (n.value !== undefined) {
        out.push([here, n.value]);
        return;
      }
      for (const c of n.children.values()) collect(c, here);
    };
    for (const c of this.children.values()) collect(c, []);
    return out;
  }
}

function insertIntoObject(o: ObjectType, path: Term[], t: Type, env: TypeEnv): ObjectType {
  if (path.length === 0) return o;
  const key = env.getByValue(path[0]);
  const value = path.length === 1 ? t : insertIntoObject(objectType([]), path.slice(1), t, env);
  const dynamic: DynamicProperty = o.dynamic
    ? { key: orTypes(o.dynamic.key, key), value: orTypes(o.dynamic.value, value) }
    : { key, value };
  return objectType(o.static, dynamic);
}

/**
 * Merges the types of two definitions of one document: sets join their
 * element types, objects without static keys join their dynamic parts, any
 * other pair becomes a union (OPA's `mergeTypes`).
 */
export function mergeTypes(a: MaybeType, b: MaybeType): MaybeType {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.type === 'object' && a.static.length === 0) {
    if (b.type === 'object' && b.static.length === 0) {
      return objectType([], {
        key: orTypes(a.dynamic?.key, b.dynamic?.key),
        value: mergeTypes(a.dynamic?.value, b.dynamic?.value),
      });
    }
    if (b.type === 'any') {
      const i = b.of.findIndex((x) => x.type === 'object' && x.static.length === 0);
      if (i >= 0) {
        const o = b.of[i] as ObjectType;
        const merged = objectType([], {
          key: orTypes(o.dynamic?.key, a.dynamic?.key),
          value: orTypes(o.dynamic?.value, a.dynamic?.value),
        });
        return { type: 'any', of: b.of.map((x, j) => (j === i ? merged : x)) };
      }
    }
  } else if (a.type === 'set' && b.type === 'set') {
    return setType(orTypes(a.of, b.of));
  } else if (a.type === 'any' && b.type !== 'any') {
    return mergeTypes(b, a);
  }
  return orTypes(a, b);
}

/** The type of `ref` below `tpe` (a union where parts iterate), OPA's `selectRef`. */
function selectRef(tpe: MaybeType, ref: Term[]): MaybeType {
  if (tpe === undefined || ref.length === 0) return tpe;
  const [head, ...tail] = ref;
  switch (head.type) {
    case 'var':
    case 'ref':
    case 'array':
    case 'object':
    case 'set':
      return selectRef(valuesType(tpe), tail);
    default:
      return selectRef(isGround(head) ? selectType(tpe, head) : undefined, tail);
  }
}

export class TypeEnv {
  readonly tree = new TypeNode();

  constructor(
    readonly ctx: CheckContext,
    readonly next?: TypeEnv,
  ) {}

  /** A new layer over this one (OPA's `wrap`). */
  wrap(): TypeEnv {
    return new TypeEnv(this.ctx, this);
  }

  getByValue(t: Term): MaybeType {
    switch (t.type) {
      case 'null':
        return NULL;
      case 'boolean':
        return BOOLEAN;
      case 'number':
        return NUMBER;
      case 'string':
        return STRING;
      case 'array': {
        const elems = t.value.map((e) => this.getByValue(e));
        return arrayType(elems, elems.length === 0 ? ANY : undefined);
      }
      case 'object': {
        const statics: StaticProperty[] = [];
        let dynamic: DynamicProperty | undefined;
        for (const [k, v] of t.value) {
          if (isGround(k)) statics.push({ key: k, value: this.getByValue(v) });
          else dynamic = { key: this.getByValue(k), value: this.getByValue(v) };
        }
        if (statics.length === 0 && !dynamic) dynamic = { key: ANY, value: ANY };
        return objectType(statics, dynamic);
      }
      case 'set': {
        let of: MaybeType;
        for (const e of t.value) of = orTypes(of, this.getByValue(e));
        return setType(of ?? ANY);
      }
      case 'arraycomprehension': {
        const { env, errors } = this.ctx.checkBody(this, t.value.body);
        if (errors.length > 0) return undefined;
        const elem = env.getByValue(t.value.term);
        return arrayType([], elem);
      }
      case 'setcomprehension': {
        const { env, errors } = this.ctx.checkBody(this, t.value.body);
        return errors.length > 0 ? undefined : setType(env.getByValue(t.value.term));
      }
      case 'objectcomprehension': {
        const { env, errors } = this.ctx.checkBody(this, t.value.body);
        if (errors.length > 0) return undefined;
        return objectType([], { key: env.getByValue(t.value.key), value: env.getByValue(t.value.value) });
      }
      case 'ref':
        return this.getByRef(t.value);
      case 'var': {
        const node = this.tree.child(t);
        if (node) return node.value;
        return this.next?.getByValue(t);
      }
      case 'call':
        return undefined;
    }
  }

  getByRef(ref: Term[]): MaybeType {
    const node = this.tree.child(ref[0]);
    if (!node) return this.refFallback(ref);
    return this.refRec(node, ref, ref.slice(1));
  }

  private refFallback(ref: Term[]): MaybeType {
    if (this.next) return this.next.getByRef(ref);
    const name = builtinName(ref);
    const builtin = name === undefined ? undefined : this.ctx.builtin(name);
    if (builtin) return builtin;
    if (isRootDocument(ref[0])) return ANY;
    return undefined;
  }

  private refRec(node: TypeNode, ref: Term[], tail: Term[]): MaybeType {
    if (tail.length === 0) return this.extent(node);
    if (node.leaf()) {
      if (node.children.size > 0) {
        const child = node.child(tail[0]);
        if (child) return this.refRec(child, ref, tail.slice(1));
      }
      return selectRef(node.value, tail);
    }
    if (!isGround(tail[0])) return selectRef(this.extent(node), tail);
    const child = node.child(tail[0]);
    if (!child) return this.refFallback(ref);
    return this.refRec(child, ref, tail.slice(1));
  }

  /**
   * The type of everything below a node: its own type, or an object of its
   * children (open to other string keys, as base documents may add any).
   */
  extent(node: TypeNode): MaybeType {
    if (node.leaf()) return node.value;
    const statics: StaticProperty[] = [];
    for (const child of node.children.values()) {
      const k = child.key;
      if (k && (k.type === 'string' || k.type === 'number' || k.type === 'boolean')) {
        statics.push({ key: k, value: this.extent(child) });
      }
    }
    return objectType(statics, { key: STRING, value: ANY });
  }
}

/** `count`, `array.concat`: the builtin a plain ref names, if it is one. */
function builtinName(ref: Term[]): string | undefined {
  if (ref[0].type !== 'var') return undefined;
  const parts = [ref[0].value];
  for (const p of ref.slice(1)) {
    if (p.type !== 'string') return undefined;
    parts.push(p.value);
  }
  return parts.join('.');
}
