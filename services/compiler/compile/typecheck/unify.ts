/**
 * Unification of terms with types (OPA's `unify1`/`unify2`) and of two
 * types (`unifies`): whether a value of one type may equal a value of the
 * other. Unifying a var with a type records the var's type in the env.
 */
import type { ObjectTerm, Term } from '../../rego/ast.js';
import { isGround } from '../terms.js';
import type { TypeEnv } from './env.js';
import {
  ANY,
  isNilType,
  orTypes,
  selectType,
  valuesType,
  type AnyType,
  type ArrayType,
  type MaybeType,
  type ObjectType,
  type Type,
} from './types.js';

function isAnyOfEverything(t: Type): boolean {
  return t.type === 'any' && t.of.length === 0;
}

function arraySelect(t: ArrayType, i: number): MaybeType {
  return i < t.static.length ? t.static[i] : t.dynamic;
}

/** Unifies a term with a type; `union` widens a var's known type instead of checking it. */
export function unify1(env: TypeEnv, term: Term, tpe: MaybeType, union: boolean): boolean {
  switch (term.type) {
    case 'array':
    case 'object':
    case 'set': {
      if (tpe?.type === 'any') {
        if (isAnyOfEverything(tpe)) {
          unifyChildrenWithAny(env, term);
          return true;
        }
        let unifies = false;
        for (const t of tpe.of) unifies = unify1(env, term, t, true) || unifies;
        return unifies;
      }
      if (term.type === 'array' && tpe?.type === 'array') return unify1Array(env, term.value, tpe, union);
      if (term.type === 'object' && tpe?.type === 'object') return unify1Object(env, term, tpe, union);
      if (term.type === 'set' && tpe?.type === 'set') {
        const of = valuesType(tpe);
        return term.value.every((e) => unify1(env, e, of, union));
      }
      return false;
    }
    case 'ref':
    case 'arraycomprehension':
    case 'setcomprehension':
    case 'objectcomprehension':
      return unifies(env.getByValue(term), tpe);
    case 'var': {
      if (!union) {
        const exist = env.getByValue(term);
        if (exist !== undefined) return unifies(exist, tpe);
        env.tree.putOne(term, tpe);
      } else {
        env.tree.putOne(term, orTypes(env.getByValue(term), tpe));
      }
      return true;
    }
    case 'call':
      // Calls are lifted out of terms before type checking; nothing to learn here.
      return true;
    default:
      return unifies(env.getByValue(term), tpe);
  }
}

function unifyChildrenWithAny(env: TypeEnv, term: Term): void {
  if (term.type === 'array' || term.type === 'set') {
    for (const e of term.value) unify1(env, e, ANY, true);
  } else if (term.type === 'object') {
    for (const [k, v] of term.value) {
      unify1(env, k, ANY, true);
      unify1(env, v, ANY, true);
    }
  }
}

function unify1Array(env: TypeEnv, elems: Term[], tpe: ArrayType, union: boolean): boolean {
  if (elems.length !== tpe.static.length && !tpe.dynamic) return false;
  return elems.every((e, i) => unify1(env, e, arraySelect(tpe, i), union));
}

function unify1Object(env: TypeEnv, term: ObjectTerm, tpe: ObjectType, union: boolean): boolean {
  if (term.value.length !== tpe.static.length && tpe.dynamic?.value === undefined) return false;
  for (const [k, v] of term.value) {
    if (isGround(k)) {
      const child = selectType(tpe, k);
      if (child === undefined || !unify1(env, v, child, union)) return false;
    } else {
      // The value under a dynamic key could be any of the object's values: OPA types it as any.
      unify1(env, v, ANY, union);
    }
  }
  return true;
}

/** Unifies two terms whose types may be unknown; true when they may be equal. */
export function unify2(env: TypeEnv, a: Term, typeA: MaybeType, b: Term, typeB: MaybeType): boolean {
  const nilA = isNilType(typeA);
  const nilB = isNilType(typeB);
  if (nilA && !nilB) return unify1(env, a, typeB, false);
  if (nilB && !nilA) return unify1(env, b, typeA, false);
  if (!nilA && !nilB) return unifies(typeA, typeB);
  switch (a.type) {
    case 'array':
      return unify2Array(env, a, b);
    case 'object':
      return unify2Object(env, a, b);
    case 'var':
      switch (b.type) {
        case 'var':
          return unify1(env, a, ANY, false) && unify1(env, b, env.getByValue(a), false);
        case 'array':
          return unify2Array(env, b, a);
        case 'object':
          return unify2Object(env, b, a);
        default:
          return false;
      }
    default:
      return false;
  }
}

function unify2Array(env: TypeEnv, a: Term & { type: 'array' }, b: Term): boolean {
  if (b.type === 'array') {
    if (a.value.length !== b.value.length) return false;
    return a.value.every((x, i) => unify2(env, x, env.getByValue(x), b.value[i], env.getByValue(b.value[i])));
  }
  if (b.type === 'var') return unify1(env, a, ANY, false) && unify1(env, b, env.getByValue(a), false);
  return false;
}

function unify2Object(env: TypeEnv, a: ObjectTerm, b: Term): boolean {
  if (b.type === 'object') {
    if (a.value.length !== b.value.length) return false;
    for (const [k, v] of a.value) {
      const other = b.value.find(([bk]) => sameTerm(k, bk));
      if (!other) return false;
      if (!unify2(env, v, env.getByValue(v), other[1], env.getByValue(other[1]))) return false;
    }
    return true;
  }
  if (b.type === 'var') return unify1(env, a, ANY, false) && unify1(env, b, env.getByValue(a), false);
  return false;
}

function sameTerm(a: Term, b: Term): boolean {
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

function strip(t: Term): unknown {
  return JSON.parse(JSON.stringify(t, (k, v) => (k === 'location' ? undefined : v)));
}

/** Whether a value of type `a` may be a value of type `b` (OPA's `unifies`). */
export function unifies(a: MaybeType, b: MaybeType): boolean {
  if (a === undefined || b === undefined) return false;
  const anyA = a.type === 'any';
  const anyB = b.type === 'any';
  if (anyA && unifiesAny(a, b)) return true;
  if (anyB && unifiesAny(b, a)) return true;
  if (anyA || anyB) return false;
  switch (a.type) {
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
      return b.type === a.type;
    case 'array':
      return b.type === 'array' && unifiesArrays(a, b);
    case 'object':
      return b.type === 'object' && unifiesObjects(a, b);
    case 'set':
      return b.type === 'set' && unifies(valuesType(a), valuesType(b));
    case 'function':
      return (
        b.type === 'function' &&
        a.args.length === b.args.length &&
        a.args.every((t, i) => unifies(t, b.args[i]))
      );
    default:
      return false;
  }
}

function unifiesAny(a: AnyType, b: Type): boolean {
  if (b.type === 'function') return false;
  return a.of.length === 0 || a.of.some((t) => unifies(t, b));
}

function unifiesArrays(a: ArrayType, b: ArrayType): boolean {
  const staticOk = (x: ArrayType, y: ArrayType): boolean =>
    x.static.every((_, i) => unifies(arraySelect(x, i), arraySelect(y, i)));
  if (!staticOk(a, b) || !staticOk(b, a)) return false;
  return !a.dynamic || !b.dynamic || unifies(a.dynamic, b.dynamic);
}

function unifiesObjects(a: ObjectType, b: ObjectType): boolean {
  const staticOk = (x: ObjectType, y: ObjectType): boolean =>
    x.static.every((p) => unifies(selectType(x, p.key), selectType(y, p.key)));
  if (!staticOk(a, b) || !staticOk(b, a)) return false;
  const av = a.dynamic?.value;
  const bv = b.dynamic?.value;
  return av === undefined || bv === undefined || unifies(av, bv);
}
