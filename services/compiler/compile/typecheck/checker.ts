/**
 * Type checking of bodies (OPA's `typeChecker.CheckBody`): each expression
 * in order, after its closures and refs, unifies its terms with what the
 * builtins and functions it calls declare, and records the types of the
 * vars it binds. Calls inside `every` bodies are not checked, as in OPA;
 * their refs are.
 */
import type { Body, Expr, Term } from '../../rego/ast.js';
import type { RegoError } from '../../errors.js';
import { builtinArgNames } from '../../builtins/arg-names.js';
import type { BuiltinLookup } from '../types.js';
import { isCallExpr, isEveryExpr, isSomeExpr, isTermExpr, operatorName, refToString } from '../terms.js';
import { TypeEnv, type CheckContext } from './env.js';
import { argError, matchError, refText, type TypeErrorFound, type VarNamer } from './messages.js';
import { RefChecker } from './refs.js';
import { VOID_BUILTINS, fromDeclaredType } from './declared.js';
import { unify1, unify2 } from './unify.js';
import type { FunctionType, MaybeType } from './types.js';

export interface CheckerOptions {
  builtins: BuiltinLookup;
  /** Names the author wrote for renamed vars (for messages). */
  name: VarNamer;
  /**
   * Check `a == b` as the unification `a = b`, as OPA's RewriteEquals stage
   * makes it for rules (not for queries). @defaultValue true
   */
  equalityAsUnification?: boolean;
}

export class TypeChecker implements CheckContext {
  private readonly builtinTypes = new Map<string, FunctionType | undefined>();

  constructor(private readonly options: CheckerOptions) {}

  /** The root environment: builtins (and, when set, `input`'s type). */
  rootEnv(): TypeEnv {
    return new TypeEnv(this);
  }

  builtin(name: string): FunctionType | undefined {
    if (this.builtinTypes.has(name)) return this.builtinTypes.get(name);
    const info = this.options.builtins(name);
    let fn: FunctionType | undefined;
    if (info) {
      const declared = fromDeclaredType(info.decl);
      if (declared?.type === 'function') {
        fn = { ...declared };
        if (VOID_BUILTINS.has(name)) delete fn.result;
        const names = builtinArgNames(name);
        if (names) {
          fn.argNames = names.args;
          fn.resultName = names.result;
        }
      }
    }
    this.builtinTypes.set(name, fn);
    return fn;
  }

  checkBody(outer: TypeEnv, body: Body): { env: TypeEnv; errors: RegoError[] } {
    const env = outer.wrap();
    const errors: RegoError[] = [];
    for (const expr of body) {
      const closureErrors = this.checkClosures(env, expr);
      errors.push(...closureErrors);
      const refs = new RefChecker(env, this.options.name);
      refs.expr(expr);
      errors.push(...refs.errors);
      const found = this.checkExpr(env, expr);
      // An unknown type is most likely the result of the ref or closure error just reported.
      if (found && !((closureErrors.length > 0 || refs.errors.length > 0) && found.nilCause)) {
        errors.push(found.error);
      }
    }
    return { env, errors };
  }

  /**
   * Rule head terms (`p := [x | ...]`, `p := data.x.f`) in the rule body's
   * environment: OPA moves their refs and comprehensions into the body.
   */
  checkHeadTerms(env: TypeEnv, terms: Term[]): RegoError[] {
    const errors: RegoError[] = [];
    for (const t of terms) {
      errors.push(...this.checkClosures(env, { index: 0, terms: t }, true));
      const refs = new RefChecker(env, this.options.name);
      refs.term(t);
      errors.push(...refs.errors);
    }
    return errors;
  }

  /**
   * Comprehension bodies in an expression (and in `every` bodies), each
   * checked on its own; as OPA, only the errors of the last closure that
   * has any are kept, unless `all`.
   */
  private checkClosures(env: TypeEnv, expr: Expr, all = false): RegoError[] {
    let result: RegoError[] = [];
    const term = (t: Term): void => {
      switch (t.type) {
        case 'arraycomprehension':
        case 'setcomprehension':
        case 'objectcomprehension': {
          const { errors } = this.checkBody(env, t.value.body);
          if (errors.length > 0) result = all ? [...result, ...errors] : errors;
          return;
        }
        case 'ref':
        case 'array':
        case 'set':
        case 'call':
          t.value.forEach(term);
          return;
        case 'object':
          for (const [k, v] of t.value) {
            term(k);
            term(v);
          }
          return;
        default:
          return;
      }
    };
    const visit = (e: Expr): void => {
      if (isCallExpr(e)) e.terms.forEach(term);
      else if (isTermExpr(e)) term(e.terms);
      else if (isSomeExpr(e)) e.terms.symbols.forEach(term);
      else if (isEveryExpr(e)) {
        const ev = e.terms;
        if (ev.key) term(ev.key);
        term(ev.value);
        term(ev.domain);
        ev.body.forEach(visit);
      }
      for (const w of e.with ?? []) {
        term(w.target);
        term(w.value);
      }
    };
    visit(expr);
    return result;
  }

  private checkExpr(env: TypeEnv, expr: Expr): TypeErrorFound | undefined {
    if (!isCallExpr(expr)) return undefined;
    const [operator, ...operands] = expr.terms;
    const name = operatorName(operator);
    const unification =
      name === 'eq' ||
      name === 'assign' ||
      (name === 'equal' && operands.length === 2 && this.options.equalityAsUnification !== false);
    if (unification && operands.length === 2) {
      const [a, b] = operands;
      const typeA = env.getByValue(a);
      const typeB = env.getByValue(b);
      if (!unify2(env, a, typeA, b, typeB)) return matchError(expr.location, typeA, typeB);
      return undefined;
    }
    return this.checkCall(env, expr, operator, operands);
  }

  private checkCall(env: TypeEnv, expr: Expr, operator: Term, operands: Term[]): TypeErrorFound | undefined {
    const tpe = operator.type === 'ref' ? env.getByRef(operator.value) : env.getByValue(operator);
    // An undefined function was reported by CheckCalls; a function with errors was typed `any`.
    if (tpe === undefined || tpe.type === 'any' || tpe.type !== 'function') return undefined;
    const fnName =
      operator.type === 'ref' ? refText(operator.value, this.options.name) : refToString([operator]);
    const args = tpe.result !== undefined ? [...tpe.args, tpe.result] : tpe.args;
    const have = (): MaybeType[] => operands.map((t) => env.getByValue(t));
    if (operands.length > args.length && !tpe.variadic) {
      return argError(expr.location, fnName, 'too many arguments', have(), tpe);
    }
    if (operands.length < tpe.args.length) {
      return argError(expr.location, fnName, 'too few arguments', have(), tpe);
    }
    for (let i = 0; i < operands.length; i++) {
      const want = i < args.length ? args[i] : tpe.variadic;
      if (!unify1(env, operands[i], want, false)) {
        return argError(expr.location, fnName, 'invalid argument(s)', have(), tpe);
      }
    }
    return undefined;
  }
}
