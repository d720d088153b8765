/**
 * Checks every ref of an expression against the types known for it
 * (OPA's `refChecker`): a key a value cannot have (`undefined ref:
 * data.x.p.nosuch`), a key of the wrong type, indexing a number or a
 * function. Vars used as keys get the type of the keys they range over.
 */
import type { Expr, Term } from '../../rego/ast.js';
import type { RegoError } from '../../errors.js';
import { isCallExpr, isEveryExpr, isGround, isSomeExpr, isTermExpr } from '../terms.js';
import { isRootDocument, type TypeEnv, type TypeNode } from './env.js';
import { refErrInvalid, refErrUnsupported, type VarNamer } from './messages.js';
import { unifies, unify1 } from './unify.js';
import { ANY, compareKeys, keysType, selectType, valuesType, type MaybeType, type Type } from './types.js';

export class RefChecker {
  readonly errors: RegoError[] = [];

  constructor(
    private readonly env: TypeEnv,
    private readonly name: VarNamer,
  ) {}

  /** Checks the refs of an expression: a call's operands (not its operator), a term, an `every`. */
  expr(e: Expr): void {
    if (isCallExpr(e)) e.terms.slice(1).forEach((t) => this.term(t));
    else if (isTermExpr(e)) this.term(e.terms);
    else if (isSomeExpr(e)) e.terms.symbols.forEach((t) => this.term(t));
    else if (isEveryExpr(e)) {
      const ev = e.terms;
      if (ev.key) this.term(ev.key);
      this.term(ev.value);
      this.term(ev.domain);
      ev.body.forEach((x) => this.expr(x));
      for (const w of e.with ?? []) {
        this.term(w.target);
        this.term(w.value);
      }
    }
  }

  /** Checks the refs in a term (comprehension bodies are checked on their own). */
  term(t: Term): void {
    switch (t.type) {
      case 'arraycomprehension':
      case 'setcomprehension':
      case 'objectcomprehension':
        return;
      case 'ref': {
        const applied = this.checkApply(t.value);
        if (applied) {
          this.errors.push(applied);
          return;
        }
        const err = this.checkRef(this.env, this.env.tree, t.value, 0);
        if (err) this.errors.push(err);
        t.value.forEach((x) => this.term(x));
        return;
      }
      case 'array':
      case 'set':
      case 'call':
        t.value.forEach((x) => this.term(x));
        return;
      case 'object':
        for (const [k, v] of t.value) {
          this.term(k);
          this.term(v);
        }
        return;
      default:
        return;
    }
  }

  /** Functions are not values: a ref to one outside a call is an error. */
  private checkApply(ref: Term[]): RegoError | undefined {
    const tpe = this.env.getByRef(ref);
    if (tpe?.type === 'function') return refErrUnsupported(ref, ref.length - 1, tpe, this.name);
    return undefined;
  }

  private checkRef(curr: TypeEnv, node: TypeNode, ref: Term[], idx: number): RegoError | undefined {
    if (idx === ref.length) return undefined;
    const head = ref[idx];
    // Below `data`, the first two parts name packages and rules: they must be strings.
    if ((idx === 1 || idx === 2) && head.type !== 'var' && head.type !== 'string') {
      const have = this.env.getByValue(head);
      return refErrInvalid(ref, idx, have, { type: 'string' }, oneOfNode(node), this.name);
    }
    if (head.type === 'var' && idx !== 0) {
      const tpe = keysType(this.env.extent(node));
      const exist = this.env.getByValue(head);
      if (exist !== undefined) {
        if (!unifies(tpe, exist)) return refErrInvalid(ref, idx, exist, tpe, oneOfNode(node), this.name);
      } else {
        this.env.tree.putOne(head, tpe);
      }
    }
    const child = node.child(head);
    if (!child) {
      if (curr.next) return this.checkRef(curr.next, curr.next.tree, ref, 0);
      if (isRootDocument(ref[0])) {
        if (idx !== 0) {
          for (const c of node.children.values()) this.checkRef(curr, c, ref, idx + 1);
          return undefined;
        }
        return this.checkRefLeaf(ANY, ref, 1);
      }
      return this.checkRefLeaf(ANY, ref, 0);
    }
    if (child.leaf()) return this.checkRefLeaf(child.value, ref, idx + 1);
    return this.checkRef(curr, child, ref, idx + 1);
  }

  private checkRefLeaf(tpe: MaybeType, ref: Term[], idx: number): RegoError | undefined {
    if (idx === ref.length) return undefined;
    const head = ref[idx];
    const keys = keysType(tpe);
    if (keys === undefined) return refErrUnsupported(ref, idx - 1, tpe, this.name);
    switch (head.type) {
      case 'var': {
        const exist = this.env.getByValue(head);
        if (exist !== undefined) {
          if (!unifies(exist, keys)) return refErrInvalid(ref, idx, exist, keys, oneOfType(tpe), this.name);
        } else {
          this.env.tree.putOne(head, keys);
        }
        break;
      }
      case 'ref': {
        const exist = this.env.getByRef(head.value);
        if (exist !== undefined && !unifies(exist, keys)) {
          return refErrInvalid(ref, idx, exist, keys, oneOfType(tpe), this.name);
        }
        break;
      }
      case 'array':
      case 'object':
      case 'set':
        if (!unify1(this.env, head, keys, false)) {
          return refErrInvalid(ref, idx, this.env.getByValue(head), keys, [], this.name);
        }
        break;
      default: {
        const child = isGround(head) ? selectType(tpe, head) : undefined;
        if (child === undefined) return refErrInvalid(ref, idx, undefined, keys, oneOfType(tpe), this.name);
        return this.checkRefLeaf(child, ref, idx + 1);
      }
    }
    return this.checkRefLeaf(valuesType(tpe), ref, idx + 1);
  }
}

function sortedUnique(terms: Term[]): Term[] {
  const out: Term[] = [];
  for (const t of [...terms].sort(compareKeys)) {
    if (
      out.length === 0 ||
      compareKeys(out[out.length - 1], t) !== 0 ||
      out[out.length - 1].type !== t.type
    ) {
      out.push(t);
    }
  }
  return out;
}

/** The keys a tree node has (the packages or rules a ref could have named). */
function oneOfNode(node: TypeNode): Term[] {
  return sortedUnique(
    [...node.children.values()].map((c) => c.key).filter((k): k is Term => k !== undefined),
  );
}

/** The keys an object type declares (across a union). */
function oneOfType(tpe: MaybeType): Term[] {
  const keys: Term[] = [];
  const collect = (t: Type): void => {
    if (t.type === 'object') keys.push(...t.static.map((p) => p.key));
    else if (t.type === 'any') t.of.forEach(collect);
  };
  if (tpe) collect(tpe);
  return sortedUnique(keys);
}
