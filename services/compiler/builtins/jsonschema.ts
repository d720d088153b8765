/**
 * `json.verify_schema` and `json.match_schema` (OPA `json.go`, which uses
 * gojsonschema): a JSON Schema (draft 4–7 keywords) validator whose error
 * records carry gojsonschema's field paths, types and descriptions.
 * Covered: type, enum, const, properties, required, additionalProperties,
 * patternProperties, min/maxProperties, dependencies, items (single and
 * tuple), additionalItems, min/maxItems, uniqueItems, contains, min/maxLength,
 * pattern, minimum/maximum (with draft-4 and draft-6 exclusives),
 * multipleOf, allOf/anyOf/oneOf/not, if/then/else and local `$ref`s.
 * `format` is not checked.
 *
 * Why not ajv (a dependency): OPA answers with gojsonschema's error records,
 * and the conformance cases check their texts, types and field paths
 * ("Invalid type. Expected: integer, given: string", "has a primitive type
 * that is NOT VALID -- given: /unknown/ ..."). ajv reports other keywords,
 * other messages and, for anyOf/oneOf/not, other sets of errors, reads
 * draft 4 only with a further package, and compiles each schema to code;
 * mapping its output back would mean re-deciding, keyword by keyword, what
 * gojsonschema reports, which is this validator.
 */
import { BuiltinFailure } from './errors.js';
import { goMarshal } from './json.js';
import { operandTypeError } from './operands.js';
import { register } from './registry.js';
import { compileGoRegex } from './regex.js';
import { isObject, valuesEqual } from './values.js';
import type { ObjectValue, Value } from './values.js';

const TYPES = ['array', 'boolean', 'integer', 'number', 'null', 'object', 'string'];

interface SchemaError {
  field: string;
  type: string;
  desc: string;
}

function jsonType(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' || typeof v === 'bigint')
    return Number.isInteger(Number(v)) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

function typeMatches(v: Value, t: string): boolean {
  const actual = jsonType(v);
  return actual === t || (t === 'number' && actual === 'integer');
}

/** gojsonschema's schema check: every `type` names a known primitive type. */
function checkSchema(schema: Value): void {
  const visit = (s: Value) => {
    if (Array.isArray(s)) {
      s.forEach(visit);
      return;
    }
    if (!isObject(s)) return;
    const t = s.type;
    for (const name of typeof t === 'string' ? [t] : Array.isArray(t) ? t : []) {
      if (typeof name !== 'string' || !TYPES.includes(name)) {
        throw new BuiltinFailure(
          `has a primitive type that is NOT VALID -- given: /${String(name)}/ Expected valid values are:[${TYPES.join(' ')}]`,
        );
      }
    }
    for (const [k, v] of Object.entries(s)) if (k !== 'enum' && k !== 'const' && k !== 'default') visit(v);
  };
  visit(schema);
}

function readJSON(value: unknown, pos: number): Value {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as Value;
    } catch (err) {
      throw new BuiltinFailure((err as Error).message);
    }
  }
  if (isObject(value)) return value;
  if (pos === 1 && value !== undefined) return value as Value;
  throw operandTypeError(pos, value, 'string', 'object');
}

function num(v: Value): number {
  return Number(v);
}

function showNumber(v: Value): string {
  return goMarshal(v);
}

class Validator {
  readonly errors: SchemaError[] = [];

  constructor(private readonly root: Value) {}

  private add(path: string[], type: string, desc: string): void {
    this.errors.push({ field: path.length ? path.join('.') : '(root)', type, desc });
  }

  private resolve(ref: string): Value {
    if (ref === '#') return this.root;
    if (!ref.startsWith('#/')) throw new BuiltinFailure(`unsupported $ref ${ref}`);
    let cur: Value = this.root;
    for (const raw of ref.slice(2).split('/')) {
      const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObject(cur) || !(seg in cur)) throw new BuiltinFailure(`invalid $ref ${ref}`);
      cur = cur[seg];
    }
    return cur;
  }

  /** Validates without recording, for anyOf/oneOf/not/if. */
  private passes(doc: Value, schema: Value, path: string[]): boolean {
    const probe = new Validator(this.root);
    probe.validate(doc, schema, path);
    return probe.errors.length === 0;
  }

  validate(doc: Value, schema: Value, path: string[]): void {
    if (schema === true || schema === undefined) return;
    if (schema === false) {
      this.add(path, 'false', 'False always fails validation');
      return;
    }
    if (!isObject(schema)) return;
    if (typeof schema.$ref === 'string') {
      this.validate(doc, this.resolve(schema.$ref), path);
      return;
    }
    const field = path.length ? path.join('.') : '(root)';
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((t) => typeMatches(doc, t))) {
        this.add(path, 'invalid_type', `Invalid type. Expected: ${types.join('/')}, given: ${jsonType(doc)}`);
        return;
      }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => valuesEqual(e, doc))) {
      this.add(
        path,
        'enum',
        `${field} must be one of the following: ${schema.enum.map(showNumber).join(', ')}`,
      );
    }
    if ('const' in schema && !valuesEqual(schema.const, doc)) {
      this.add(path, 'const', `${field} does not match: ${showNumber(schema.const)}`);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = schema[key];
      if (!Array.isArray(list)) continue;
      const ok = list.filter((s) => this.passes(doc, s, path)).length;
      if (key === 'allOf' && ok !== list.length) {
        list.forEach((s) => this.validate(doc, s, path));
        this.add(path, 'number_all_of', 'Must validate all the schemas (allOf)');
      }
      if (key === 'anyOf' && ok === 0)
        this.add(path, 'number_any_of', 'Must validate at least one schema (anyOf)');
      if (key === 'oneOf' && ok !== 1)
        this.add(path, 'number_one_of', 'Must validate one and only one schema (oneOf)');
    }
    if (schema.not !== undefined && this.passes(doc, schema.not, path)) {
      this.add(path, 'number_not', 'Must not validate the schema (not)');
    }
    if (schema.if !== undefined) {
      const branch = this.passes(doc, schema.if, path) ? schema.then : schema.else;
      if (branch !== undefined) this.validate(doc, branch, path);
    }
    if (typeof doc === 'string') this.validateString(doc, schema, path);
    if (typeof doc === 'number' || typeof doc === 'bigint') this.validateNumber(num(doc), schema, path);
    if (Array.isArray(doc)) this.validateArray(doc, schema, path);
    if (isObject(doc)) this.validateObject(doc, schema, path);
  }

  private validateString(s: string, schema: ObjectValue, path: string[]): void {
    const length = Array.from(s).length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      this.add(path, 'string_gte', `String length must be greater than or equal to ${schema.minLength}`);
    }
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
      this.add(path, 'string_lte', `String length must be less than or equal to ${schema.maxLength}`);
    }
    if (typeof schema.pattern === 'string') {
      if (!compileGoRegex(schema.pattern).test(s))
        this.add(path, 'pattern', `Does not match pattern '${schema.pattern}'`);
    }
  }

  private validateNumber(n: number, schema: ObjectValue, path: string[]): void {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
    if (typeof minimum === 'number') {
      if (exclusiveMinimum === true ? n <= minimum : n < minimum) {
        this.add(
          path,
          exclusiveMinimum === true ? 'number_gt' : 'number_gte',
          `Must be greater than ${exclusiveMinimum === true ? '' : 'or equal to '}${showNumber(minimum)}`,
        );
      }
    }
    if (typeof exclusiveMinimum === 'number' && n <= exclusiveMinimum) {
      this.add(path, 'number_gt', `Must be greater than ${showNumber(exclusiveMinimum)}`);
    }
    if (typeof maximum === 'number') {
      if (exclusiveMaximum === true ? n >= maximum : n > maximum) {
        this.add(
          path,
          exclusiveMaximum === true ? 'number_lt' : 'number_lte',
          `Must be less than ${exclusiveMaximum === true ? '' : 'or equal to '}${showNumber(maximum)}`,
        );
      }
    }
    if (typeof exclusiveMaximum === 'number' && n >= exclusiveMaximum) {
      this.add(path, 'number_lt', `Must be less than ${showNumber(exclusiveMaximum)}`);
    }
    if (typeof multipleOf === 'number' && multipleOf > 0) {
      const q = n / multipleOf;
      if (Math.abs(q - Math.round(q)) > 1e-9)
        this.add(path, 'multiple_of', `Must be a multiple of ${showNumber(multipleOf)}`);
    }
  }

  private validateArray(items: Value[], schema: ObjectValue, path: string[]): void {
    if (typeof schema.minItems === 'number' && items.length < schema.minItems) {
      this.add(path, 'array_min_items', `Array must have at least ${schema.minItems} items`);
    }
    if (typeof schema.maxItems === 'number' && items.length > schema.maxItems) {
      this.add(path, 'array_max_items', `Array must have at most ${schema.maxItems} items`);
    }
    if (schema.uniqueItems === true) {
      outer: for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          if (valuesEqual(items[i], items[j])) {
            this.add(path, 'unique', `array items[${i},${j}] must be unique`);
            break outer;
          }
        }
      }
    }
    if (Array.isArray(schema.items)) {
      const tuple = schema.items;
      items.forEach((item, i) => {
        if (i < tuple.length) this.validate(item, tuple[i], [...path, String(i)]);
        else if (schema.additionalItems === false) {
          this.add(path, 'array_no_additional_items', 'No additional items allowed on array');
        } else if (isObject(schema.additionalItems))
          this.validate(item, schema.additionalItems, [...path, String(i)]);
      });
    } else if (schema.items !== undefined) {
      items.forEach((item, i) => this.validate(item, schema.items, [...path, String(i)]));
    }
    if (schema.contains !== undefined && !items.some((item) => this.passes(item, schema.contains, path))) {
      this.add(path, 'contains', 'At least one of the items must match');
    }
  }

  private validateObject(obj: ObjectValue, schema: ObjectValue, path: string[]): void {
    const keys = Object.keys(obj);
    if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) {
      this.add(path, 'array_min_properties', `Must have at least ${schema.minProperties} properties`);
    }
    if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) {
      this.add(path, 'array_max_properties', `Must have at most ${schema.maxProperties} properties`);
    }
    if (Array.isArray(schema.required)) {
      for (const r of schema.required) {
        if (typeof r === 'string' && !(r in obj)) this.add(path, 'required', `${r} is required`);
      }
    }
    const props = isObject(schema.properties) ? schema.properties : {};
    const patterns = isObject(schema.patternProperties) ? schema.patternProperties : {};
    for (const key of keys) {
      let matched = false;
      if (key in props) {
        matched = true;
        this.validate(obj[key], props[key], [...path, key]);
      }
      for (const [pattern, sub] of Object.entries(patterns)) {
        if (compileGoRegex(pattern).test(key)) {
          matched = true;
          this.validate(obj[key], sub, [...path, key]);
        }
      }
      if (!matched) {
        if (schema.additionalProperties === false) {
          this.add(path, 'additional_property_not_allowed', `Additional property ${key} is not allowed`);
        } else if (isObject(schema.additionalProperties)) {
          this.validate(obj[key], schema.additionalProperties, [...path, key]);
        }
      }
    }
    if (isObject(schema.dependencies)) {
      for (const [key, dep] of Object.entries(schema.dependencies)) {
        if (!(key in obj)) continue;
        if (Array.isArray(dep)) {
          for (const d of dep) {
            if (typeof d === 'string' && !(d in obj))
              this.add(path, 'missing_dependency', `Has a dependency on ${d}`);
          }
        } else this.validate(obj, dep, path);
      }
    }
  }
}

function schemaOperand(value: unknown, pos: number): Value {
  const schema = readJSON(value, pos);
  checkSchema(schema);
  return schema;
}

register('jsonschema', {
  'json.verify_schema'(value) {
    try {
      schemaOperand(value, 1);
      return [true, null];
    } catch (err) {
      if (err instanceof BuiltinFailure) return [false, `jsonschema: ${err.message}`];
      throw err;
    }
  },
  'json.match_schema'(document, schemaValue) {
    const doc = readJSON(document, 1);
    const schema = schemaOperand(schemaValue, 2);
    const v = new Validator(schema);
    v.validate(doc, schema, []);
    const errors = v.errors.map((e) => ({
      desc: e.desc,
      error: `${e.field}: ${e.desc}`,
      field: e.field,
      type: e.type,
    }));
    return [errors.length === 0, errors];
  },
});
