/**
 * Stage CheckTypes (OPA's `checkTypes`): checks every rule body, rules
 * before the rules that read them, and records each rule's type at its
 * path (a function's signature, a partial set's `set[T]`, a partial
 * object's `object[K: V]`); rules that read it are checked against it.
 * `# METADATA` `schemas:` and `--schema` type `input` and `data` paths.
 * Queries are checked against the recorded types (`checkQueryTypes`).
 */
import type { RegoError } from '../../errors.js';
import type { Annotations, Body, Rule, Term } from '../../rego/ast.js';
import { packagePath } from '../resolve.js';
import { dataRefs, stringPath } from '../recursion.js';
import { ruleDocumentPath } from '../annotation-set.js';
import { isGround, stringTerm, varTerm } from '../terms.js';
import type { BuiltinLookup, CompileState, CompiledRule } from '../types.js';
import { TypeChecker } from './checker.js';
import type { TypeEnv } from './env.js';
import { refText, varNamer } from './messages.js';
import { SchemaError, schemaKey, schemaToType, type SchemaSet } from './schema.js';
import {
  ANY,
  objectType,
  setType,
  type DynamicProperty,
  type MaybeType,
  type StaticProperty,
  type Type,
} from './types.js';

/** One rule's type, put at its path (plain data, replayed to check queries). */
export interface RuleTypeRecord {
  path: Term[];
  type: Type;
  /** Replaces what is there (a rule with errors is `any`) instead of merging with it. */
  replace?: boolean;
}

/** What the checker learned about a policy, for checking queries against it. */
export interface PolicyTypes {
  rules: RuleTypeRecord[];
  /** The type of `input` from `--schema`, if given. */
  input?: Type;
}

function schemaRefText(parts: string[]): string {
  return refText([varTerm(parts[0]), ...parts.slice(1).map((p) => stringTerm(p))], (n) => n);
}

function loadSchema(schema: unknown, location: Rule['location']): Type | RegoError {
  try {
    return schemaToType(schema);
  } catch (err) {
    if (err instanceof SchemaError) return { code: 'rego_type_error', message: err.message, location };
    throw err;
  }
}

/** Rule paths in a tree, to find the rules a ref may read without comparing it with every path. */
class PathTrie {
  readonly children = new Map<string, PathTrie>();
  /** Keys of the rule sets at exactly this path. */
  readonly keys: string[] = [];

  add(path: string[], key: string): void {
    if (path.length === 0) {
      this.keys.push(key);
      return;
    }
    const [head, ...rest] = path;
    let next = this.children.get(head);
    if (!next) {
      next = new PathTrie();
      this.children.set(head, next);
    }
    next.add(rest, key);
  }

  private all(out: string[]): void {
    out.push(...this.keys);
    for (const c of this.children.values()) c.all(out);
  }

  /** Rule sets a `data` ref (without `data`) may read: at its prefixes, and below it (as `reaches`). */
  reached(ref: Term[]): string[] {
    const out: string[] = [];
    let level: PathTrie[] = [this];
    for (const part of ref) {
      for (const node of level) out.push(...node.keys);
      if (part.type === 'string') {
        level = level.map((n) => n.children.get(part.value)).filter((n): n is PathTrie => n !== undefined);
      } else if (part.type === 'var') {
        level = level.flatMap((n) => [...n.children.values()]);
      } else {
        return out;
      }
    }
    for (const node of level) node.all(out);
    return out;
  }
}

/** Rules grouped by path, ordered so that a rule comes after the rules it reads. */
function dependencyOrder(rules: CompiledRule[]): CompiledRule[] {
  const nodes = new Map<string, CompiledRule[]>();
  const trie = new PathTrie();
  for (const r of rules) {
    const path = stringPath(r.ref);
    const key = JSON.stringify(path);
    const node = nodes.get(key);
    if (node) node.push(r);
    else {
      nodes.set(key, [r]);
      trie.add(path, key);
    }
  }
  const done = new Set<string>();
  const out: CompiledRule[] = [];
  const visit = (key: string): void => {
    if (done.has(key)) return;
    done.add(key);
    const node = nodes.get(key)!;
    for (const r of node) for (const ref of dataRefs(r.rule)) trie.reached(ref).forEach(visit);
    out.push(...node);
  };
  for (const key of nodes.keys()) visit(key);
  return out;
}

/** A rule path's ground prefix and the rest (`data.p.q[x].r` → `data.p.q`, `[x].r`). */
function splitGround(path: Term[]): [Term[], Term[]] {
  const i = path.findIndex((t, n) => n > 0 && !isGround(t));
  return i < 0 ? [path, []] : [path.slice(0, i), path.slice(i)];
}

/** `object[K1: object[K2: V]]` for a rule path's dynamic suffix `[k1][k2]`. */
function nestedObject(env: TypeEnv, path: Term[], tpe: MaybeType): MaybeType {
  if (path.length === 0) return tpe;
  const value = nestedObject(env, path.slice(1), tpe);
  if (value === undefined) return undefined;
  const key = env.getByValue(path[0]);
  if (key === undefined) return undefined;
  return objectType([], { key, value });
}

/** `t` with the value at `ref` below it replaced by `o` (OPA's `override`, for schema annotations). */
function override(ref: Term[], t: Type, o: Type): Type {
  const nested = (keys: Term[], d?: DynamicProperty): Type => {
    const value = keys.length === 1 ? o : nested(keys.slice(1), d);
    return objectType([{ key: keys[0], value }], d);
  };
  if (t.type !== 'object') return nested(ref, { key: ANY, value: ANY });
  let found = false;
  const statics: StaticProperty[] = t.static.map((p) => {
    if (ref.length === 0 || !sameKey(p.key, ref[0])) return p;
    found = true;
    if (ref.length === 1) return { key: p.key, value: o };
    return { key: p.key, value: p.value ? override(ref.slice(1), p.value, o) : o };
  });
  if (!found) {
    const added = nested(ref, t.dynamic);
    if (added.type === 'object') statics.push(...added.static);
  }
  return objectType(statics, t.dynamic);
}

function sameKey(a: Term, b: Term): boolean {
  return a.type === b.type && (a as { value: unknown }).value === (b as { value: unknown }).value;
}

/** The shortest prefix of `ref` with a known type (OPA's `getPrefix`). */
function knownPrefix(env: TypeEnv, ref: Term[]): [Term[], Type] | undefined {
  if (ref.length === 1) {
    const t = env.getByRef(ref);
    if (t) return [ref, t];
  }
  for (let i = 1; i < ref.length; i++) {
    const t = env.getByRef(ref.slice(0, i));
    if (t) return [ref.slice(0, i), t];
  }
  return undefined;
}

export interface TypeCheckOptions {
  builtins: BuiltinLookup;
  rewrittenVars: Record<string, string>;
  /** Vars standing for lifted terms (RewriteExprTerms), shown as those terms in messages. */
  liftedTerms?: Record<string, Term>;
  schemas?: SchemaSet;
}

class RuleTypeChecker {
  readonly checker: TypeChecker;
  readonly errors: RegoError[] = [];
  readonly records: RuleTypeRecord[] = [];
  private readonly schemaTypes = new Map<string, Type>();

  constructor(private readonly options: TypeCheckOptions) {
    this.checker = new TypeChecker({
      builtins: options.builtins,
      name: varNamer(options.rewrittenVars, options.liftedTerms),
    });
  }

  inputType(): Type | undefined {
    if (this.options.schemas?.input === undefined) return undefined;
    const t = loadSchema(this.options.schemas.input, undefined);
    if ('code' in t) {
      this.errors.push(t);
      return undefined;
    }
    return t;
  }

  private schemaType(
    schema: NonNullable<Annotations['schemas']>[number],
    rule: Rule,
  ): Type | RegoError | undefined {
    if (schema.schema) {
      const set = this.options.schemas?.byPath;
      // Without schemas given (--schema), annotations naming one are not checked, as in OPA.
      if (!set) return undefined;
      const key = schemaKey(schema.schema.slice(1));
      const cached = this.schemaTypes.get(key);
      if (cached) return cached;
      if (!set.has(key)) {
        return {
          code: 'rego_type_error',
          message: `undefined schema: ${schemaRefText(schema.schema)}`,
          location: rule.location,
        };
      }
      const t = loadSchema(set.get(key), rule.location);
      if (!('code' in t)) this.schemaTypes.set(key, t);
      return t;
    }
    if (schema.definition !== undefined) return loadSchema(schema.definition, rule.location);
    return undefined;
  }

  private applySchemas(env: TypeEnv, rule: Rule, annotations: Annotations[]): void {
    for (const a of annotations) {
      for (const schema of a.schemas ?? []) {
        const t = this.schemaType(schema, rule);
        if (t === undefined) continue;
        if ('code' in t) {
          this.errors.push(t);
          continue;
        }
        const ref = [varTerm(schema.path[0]), ...schema.path.slice(1).map((p) => stringTerm(p))];
        const prefix = knownPrefix(env, ref);
        if (!prefix || prefix[0].length === ref.length) env.tree.put(ref, t);
        else env.tree.put(prefix[0], override(ref.slice(prefix[0].length), prefix[1], t));
      }
    }
  }

  checkRule(env: TypeEnv, rule: Rule, annotations: Annotations[]): void {
    const ruleEnv = env.wrap();
    this.applySchemas(ruleEnv, rule, annotations);
    const { env: body, errors } = this.checker.checkBody(ruleEnv, rule.body);
    if (errors.length === 0) {
      const { key, value } = rule.head;
      errors.push(...this.checker.checkHeadTerms(body, [...(key ? [key] : []), ...(value ? [value] : [])]));
    }
    let path = rule.head.ref.value;
    if (errors.length > 0) {
      this.errors.push(...errors);
      // Rules that read a rule with errors should not report more of them.
      env.tree.put(path, ANY);
      this.records.push({ path, type: ANY, replace: true });
      return;
    }
    let tpe: MaybeType;
    if (rule.head.args) {
      for (const arg of rule.head.args) {
        for (const v of varsOf(arg)) if (body.getByValue(v) === undefined) body.tree.putOne(v, ANY);
      }
      tpe = {
        type: 'function',
        args: rule.head.args.map((a) => body.getByValue(a)),
        result: rule.head.value ? body.getByValue(rule.head.value) : undefined,
      };
    } else if (rule.head.value) {
      const value = body.getByValue(rule.head.value);
      const [ground, dynamic] = splitGround(path);
      if (dynamic.length > 0) {
        path = ground;
        tpe = nestedObject(body, dynamic, value);
      } else {
        tpe = value;
      }
    } else if (rule.head.key) {
      const key = body.getByValue(rule.head.key);
      if (key !== undefined) tpe = setType(key);
    }
    if (tpe !== undefined) {
      env.tree.insert(path, tpe, env);
      this.records.push({ path, type: tpe });
    }
  }
}

function varsOf(t: Term): Term[] {
  switch (t.type) {
    case 'var':
      return [t];
    case 'ref':
    case 'array':
    case 'set':
    case 'call':
      return t.value.flatMap(varsOf);
    case 'object':
      return t.value.flatMap(([k, v]) => [...varsOf(k), ...varsOf(v)]);
    default:
      return [];
  }
}

/** The `schemas:` annotations that apply to a rule, outermost first (OPA's `getRuleAnnotation`). */
function schemaAnnotations(state: CompileState, rule: Rule, pkg: string[], top: boolean): Annotations[] {
  const set = state.annotations;
  const out: Annotations[] = [];
  const key = (path: string[]): string => JSON.stringify(path);
  if (set) {
    for (let n = 0; n <= pkg.length; n++) {
      const sub = set.byPath.get(key(pkg.slice(0, n)));
      if (sub?.scope === 'subpackages') out.push(sub);
    }
    const pkgBlock = set.byPackage.get(key(pkg));
    if (pkgBlock) out.push(pkgBlock);
    const doc = set.byPath.get(key(ruleDocumentPath(rule)));
    if (doc?.scope === 'document') out.push(doc);
  }
  if (top) out.push(...(rule.annotations ?? []).filter((a) => a.scope === 'rule'));
  return out.filter((a) => a.schemas && a.schemas.length > 0);
}

export function checkTypes(state: CompileState): void {
  const rc = new RuleTypeChecker({
    builtins: state.builtins,
    rewrittenVars: state.rewrittenVars,
    liftedTerms: state.liftedTerms,
    schemas: state.schemas,
  });
  const root = rc.checker.rootEnv();
  const input = rc.inputType();
  if (input) root.tree.put([varTerm('input')], input);
  const env = root.wrap();
  const packages: string[][] = [];
  for (const mod of state.modules) for (let i = 0; i < mod.rules.length; i++) packages.push(packagePath(mod));
  for (const r of dependencyOrder(state.rules)) {
    const pkg = packages[r.order] ?? [];
    for (let rule: Rule | undefined = r.rule, top = true; rule; rule = rule.else, top = false) {
      rc.checkRule(env, rule, schemaAnnotations(state, rule, pkg, top));
    }
  }
  state.types = { rules: rc.records, ...(input ? { input } : {}) };
  state.errors.push(...rc.errors);
}

/** The environment a policy's types describe: rules at their paths over the builtins and input. */
function policyEnv(checker: TypeChecker, types: PolicyTypes | undefined): TypeEnv {
  const root = checker.rootEnv();
  if (types?.input) root.tree.put([varTerm('input')], types.input);
  const env = root.wrap();
  for (const r of types?.rules ?? []) {
    if (r.replace) env.tree.put(r.path, r.type);
    else env.tree.insert(r.path, r.type, env);
  }
  return env;
}

/** The type of a ref (`data.pkg.rule`, a function) in a compiled policy: what `inspect` shows as a signature. */
export function typeOfRef(types: PolicyTypes | undefined, ref: Term[], builtins: BuiltinLookup): MaybeType {
  const checker = new TypeChecker({ builtins, name: (n) => n });
  return policyEnv(checker, types).getByRef(ref);
}

/** Checks a compiled query against a policy's types; `==` stays a comparison here, as in OPA's queries. */
export function checkQueryTypes(
  body: Body,
  types: PolicyTypes | undefined,
  options: Omit<TypeCheckOptions, 'schemas'>,
): RegoError[] {
  const checker = new TypeChecker({
    builtins: options.builtins,
    name: varNamer(options.rewrittenVars, options.liftedTerms),
    equalityAsUnification: false,
  });
  return checker.checkBody(policyEnv(checker, types), body).errors;
}
