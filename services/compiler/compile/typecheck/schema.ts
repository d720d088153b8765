/**
 * JSON Schema → types, as OPA reads schemas for the type checker
 * (`loadSchema`/`parseSchema` in OPA's `v1/ast/compile.go`): objects with
 * `properties` are closed (a ref to an undeclared property is an error),
 * objects without are `object[any: any]`, `items` gives an array's element
 * type (or a tuple's), `anyOf` a union, `allOf` the merge of its schemas,
 * local `$ref`s are followed. Keywords that do not shape values (`enum`,
 * `minimum`, `additionalProperties` ...) are ignored, as OPA does.
 */
import type { Term } from '../../rego/ast.js';
import {
  ANY,
  ANY_OBJECT,
  BOOLEAN,
  NUMBER,
  STRING,
  arrayType,
  objectType,
  orTypes,
  type MaybeType,
  type StaticProperty,
  type Type,
} from './types.js';

/**
 * Schemas for the type checker (OPA's `SchemaSet`), as given with `--schema`.
 * `input` types `input` in every rule; annotations name the others as
 * `schema.<path>` (a file `kubernetes/pod.json` of a schema directory is
 * `schema.kubernetes.pod`).
 */
export interface SchemaSet {
  /** JSON Schema of `input` for every rule (`--schema <file>`). */
  input?: unknown;
  /** Schemas by path below `schema` (without it), keyed by `schemaKey(path)`. */
  byPath?: Map<string, unknown>;
}

export function schemaKey(path: string[]): string {
  return JSON.stringify(path);
}

export class SchemaError extends Error {}

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function typeNames(schema: Json): string[] {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function stringKey(key: string): Term {
  return { type: 'string', value: key };
}

/** Reads one schema document into a type; throws SchemaError when it cannot. */
export function schemaToType(root: unknown): Type {
  if (!isObject(root) && typeof root !== 'boolean') {
    throw new SchemaError('unable to compile the schema: schema is not an object');
  }
  const reader = new SchemaReader(root);
  return reader.read(root, '') ?? ANY;
}

class SchemaReader {
  /** `$ref`s being read, so recursive schemas end. */
  private readonly reading = new Set<string>();
  /** Those of them that are objects with properties. */
  private readonly byRef = new Map<string, StaticProperty[]>();

  constructor(private readonly root: unknown) {}

  private resolve(ref: string): unknown {
    if (!ref.startsWith('#')) {
      throw new SchemaError(`unable to compile the schema: remote reference ${ref} is not supported`);
    }
    let node: unknown = this.root;
    const pointer = ref.slice(1);
    if (pointer === '' || pointer === '/') return node;
    for (const raw of pointer.split('/').slice(1)) {
      const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObject(node) && !Array.isArray(node)) node = undefined;
      else node = (node as Record<string, unknown>)[part];
      if (node === undefined) throw new SchemaError(`unable to compile the schema: ${ref} does not exist`);
    }
    return node;
  }

  read(schema: unknown, refKey: string): MaybeType {
    if (typeof schema === 'boolean') return ANY;
    if (!isObject(schema))
      throw new SchemaError('unable to compile the schema: a subschema is not an object');
    if (typeof schema.$ref === 'string') {
      const ref = schema.$ref;
      // A schema that refers back to itself: inside itself it is an open
      // object (or anything, if not an object), so the type stays finite.
      if (this.reading.has(ref)) return this.byRef.has(ref) ? ANY_OBJECT : ANY;
      this.reading.add(ref);
      try {
        return this.read(this.resolve(ref), ref);
      } finally {
        this.reading.delete(ref);
        this.byRef.delete(ref);
      }
    }
    if (Array.isArray(schema.anyOf)) return this.readAnyOf(schema);
    if (Array.isArray(schema.allOf)) return this.read(this.mergeAllOf(schema), refKey);
    const names = typeNames(schema);
    if (names.length > 0) return this.readTyped(schema, names, refKey);
    if (isObject(schema.properties) && Object.keys(schema.properties).length > 0) {
      return this.readTyped(schema, ['object'], refKey);
    }
    if (schema.items !== undefined) return this.readTyped(schema, ['array'], refKey);
    return ANY;
  }

  private readAnyOf(schema: Json): MaybeType {
    let union: MaybeType;
    if (typeNames(schema).length > 0) {
      const core = this.read({ ...schema, anyOf: undefined }, '');
      // Only a core object with known properties joins the alternatives (as OPA).
      if (core?.type === 'object' && core.static.length > 0 && !core.dynamic) union = orTypes(union, core);
    }
    for (const alt of schema.anyOf as unknown[]) union = orTypes(this.read(alt, ''), union);
    return union;
  }

  private readTyped(schema: Json, names: string[], refKey: string): MaybeType {
    if (names.includes('boolean')) return BOOLEAN;
    if (names.includes('string')) return STRING;
    if (names.includes('integer') || names.includes('number')) return NUMBER;
    if (names.includes('object')) {
      const props = isObject(schema.properties) ? Object.entries(schema.properties) : [];
      if (props.length === 0) return ANY_OBJECT;
      const statics: StaticProperty[] = props.map(([k]) => ({ key: stringKey(k), value: undefined }));
      if (refKey) this.byRef.set(refKey, statics);
      props.forEach(([, sub], i) => {
        statics[i].value = this.read(sub, '');
      });
      return objectType(statics);
    }
    if (names.includes('array')) {
      const items = schema.items;
      if (Array.isArray(items)) {
        if (items.length === 0) return arrayType([], ANY);
        return arrayType(items.map((s) => this.read(s, '')));
      }
      if (items !== undefined) return arrayType([], this.read(items, '') ?? ANY);
      return arrayType([], ANY);
    }
    return ANY;
  }

  /** `allOf`: the members' properties (or tuple items) together; members must agree on the type. */
  private mergeAllOf(schema: Json): Json {
    const members = (schema.allOf as unknown[]).map((m) =>
      isObject(m) && typeof m.$ref === 'string' ? this.resolve(m.$ref) : m,
    );
    const own: Json = { ...schema, allOf: undefined };
    const all = typeNames(own).length > 0 ? [...members, own] : members;
    const kind = (m: unknown): string => {
      if (!isObject(m)) return '';
      const names = typeNames(m);
      if (names.length > 0) return [...names].sort().join(',');
      if (isObject(m.properties)) return 'object';
      if (m.items !== undefined) return 'array';
      return '';
    };
    const kinds = all.map(kind);
    const first = kinds[0] ?? '';
    const other = kinds.find((k) => k !== first);
    if (other !== undefined) {
      throw new SchemaError(`unable to merge these schemas: type mismatch: ${first} and ${other}`);
    }
    const merged: Json = { type: first.split(',').filter(Boolean) };
    if (first === 'object') {
      const properties: Json = {};
      for (const m of all) if (isObject(m) && isObject(m.properties)) Object.assign(properties, m.properties);
      merged.properties = properties;
    } else if (first === 'array') {
      const items = all.map((m) => (isObject(m) ? m.items : undefined)).find((i) => i !== undefined);
      if (items !== undefined) merged.items = items;
    }
    return merged;
  }
}
