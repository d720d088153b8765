/**
 * Planning of terms, unification and references (OPA's `planTerm`,
 * `planUnify*`, `planRef*`), in continuation-passing style: each method
 * emits statements into the current block, sets `ltarget` to the operand
 * holding the value and calls `iter` for the rest of the query. Statements
 * that fail (undefined, not equal) leave the enclosing block at run time.
 */
import { RegoCompileError } from '../errors.js';
import type { CompiledRule } from '../compile/types.js';
import type { Body, RefTerm, Term } from '../rego/ast.js';
import { INPUT_LOCAL, DATA_LOCAL } from './ir.js';
import type { Block, Local, Operand } from './ir.js';
import { PlanBuilder, VarStack, bool, local } from './builder.js';
import type { RuleTrie } from './ruletrie.js';
import { isGround, stringTerm, termToString, termVars } from '../compile/terms.js';

export type Iter = () => void;
type ScanIter = (key: Local) => void;

interface BasePtr {
  local: Local;
  path: Term[];
}

export abstract class TermPlanner {
  protected readonly b = new PlanBuilder();
  protected vars = new VarStack({ input: INPUT_LOCAL, data: DATA_LOCAL });
  protected ltarget: Operand = local(INPUT_LOCAL);
  protected abstract rules: RuleTrie;

  protected abstract planRules(rules: CompiledRule[]): string;
  protected abstract planQuery(body: Body, index: number, iter: Iter): void;

  protected fail(message: string): never {
    throw new RegoCompileError([{ code: 'rego_compile_error', message, location: this.b.loc }]);
  }

  protected defaultOperands(): Operand[] {
    return [local(this.vars.get('input')!), local(this.vars.get('data')!)];
  }

  protected asLocal(o: Operand): Local {
    if (o.type === 'local') return o.value;
    const l = this.b.newLocal();
    this.b.emit({ type: 'AssignVarStmt', stmt: { source: o, target: l } });
    return l;
  }

  protected planTerm(t: Term, iter: Iter): void {
    switch (t.type) {
      case 'null': {
        const target = this.b.newLocal();
        this.b.emit({ type: 'MakeNullStmt', stmt: { target } });
        this.ltarget = local(target);
        return iter();
      }
      case 'boolean':
        this.ltarget = bool(t.value);
        return iter();
      case 'number': {
        const target = this.b.newLocal();
        this.b.emit({ type: 'MakeNumberRefStmt', stmt: { Index: this.b.stringIndex(t.value), target } });
        this.ltarget = local(target);
        return iter();
      }
      case 'string':
        this.ltarget = this.b.stringOperand(t.value);
        return iter();
      case 'var': {
        const l = this.vars.get(t.value);
        // Safety analysis binds every var before it is read; reaching here unbound is a compiler bug.
        if (l === undefined) return this.fail(`internal error: var ${t.value} is read before it is bound`);
        this.ltarget = local(l);
        return iter();
      }
      case 'ref':
        return this.planRef(t, iter);
      case 'array':
        return this.planArray(t.value, iter);
      case 'object':
        return this.planObject(t.value, iter);
      case 'set':
        return this.planSet(t.value, iter);
      case 'arraycomprehension': {
        const target = this.b.newLocal();
        this.b.emit({ type: 'MakeArrayStmt', stmt: { capacity: 0, target } });
        const term = t.value.term;
        return this.planComprehension(
          t.value.body,
          () =>
            this.planTerm(term, () =>
              this.b.emit({ type: 'ArrayAppendStmt', stmt: { value: this.ltarget, array: target } }),
            ),
          target,
          iter,
        );
      }
      case 'setcomprehension': {
        const target = this.b.newLocal();
        this.b.emit({ type: 'MakeSetStmt', stmt: { target } });
        const term = t.value.term;
        return this.planComprehension(
          t.value.body,
          () =>
            this.planTerm(term, () =>
              this.b.emit({ type: 'SetAddStmt', stmt: { value: this.ltarget, set: target } }),
            ),
          target,
          iter,
        );
      }
      case 'objectcomprehension': {
        const target = this.b.newLocal();
        this.b.emit({ type: 'MakeObjectStmt', stmt: { target } });
        const { key, value } = t.value;
        return this.planComprehension(
          t.value.body,
          () =>
            this.planTerm(key, () => {
              const k = this.ltarget;
              this.planTerm(value, () =>
                this.b.emit({
                  type: 'ObjectInsertOnceStmt',
                  stmt: { key: k, value: this.ltarget, object: target },
                }),
              );
            }),
          target,
          iter,
        );
      }
      case 'call':
        return this.fail(`call ${termToString(t)} in a term is not supported here`);
    }
  }

  /**
   * Plans a term that cannot iterate (ground, a bound var, a lookup in a bound
   * value) straight into
   * the current block and returns its operand; undefined for other terms.
   * Keeps long literals from nesting one continuation per element.
   */
  private planDirect(t: Term): Operand | undefined {
    const boundVar = t.type === 'var' && this.vars.get(t.value) !== undefined;
    const lookup =
      t.type === 'ref' && t.value[0].type === 'var' && t.value[0].value !== 'data' && !this.unseenVars(t);
    if (!isGround(t) && !boundVar && !lookup) return undefined;
    let out: Operand | undefined;
    this.planTerm(t, () => {
      out = this.ltarget;
    });
    return out;
  }

  /** Plans `terms` in order, calling `each` with each operand, then `iter`. */
  private planEach(terms: Term[], each: (ops: Operand[]) => void, width: number, iter: Iter): void {
    const rec = (i: number): void => {
      while (i < terms.length) {
        const ops = terms.slice(i, i + width).map((t) => this.planDirect(t));
        if (ops.some((o) => o === undefined)) break;
        each(ops as Operand[]);
        i += width;
      }
      if (i >= terms.length) return iter();
      const group = terms.slice(i, i + width);
      const acc: Operand[] = [];
      const step = (j: number): void => {
        if (j === group.length) {
          each(acc);
          return rec(i + width);
        }
        this.planTerm(group[j], () => {
          acc[j] = this.ltarget;
          step(j + 1);
        });
      };
      step(0);
    };
    rec(0);
  }

  private planArray(elems: Term[], iter: Iter): void {
    const target = this.b.newLocal();
    this.b.emit({ type: 'MakeArrayStmt', stmt: { capacity: elems.length, target } });
    this.planEach(
      elems,
      ([value]) => this.b.emit({ type: 'ArrayAppendStmt', stmt: { value, array: target } }),
      1,
      () => {
        this.ltarget = local(target);
        iter();
      },
    );
  }

  protected planObject(pairs: [Term, Term][], iter: Iter): void {
    const target = this.b.newLocal();
    this.b.emit({ type: 'MakeObjectStmt', stmt: { target } });
    this.planEach(
      pairs.flat(),
      ([key, value]) => this.b.emit({ type: 'ObjectInsertStmt', stmt: { key, value, object: target } }),
      2,
      () => {
        this.ltarget = local(target);
        iter();
      },
    );
  }

  protected planSet(elems: Term[], iter: Iter): void {
    const target = this.b.newLocal();
    this.b.emit({ type: 'MakeSetStmt', stmt: { target } });
    this.planEach(
      elems,
      ([value]) => this.b.emit({ type: 'SetAddStmt', stmt: { value, set: target } }),
      1,
      () => {
        this.ltarget = local(target);
        iter();
      },
    );
  }

  private planComprehension(body: Body, closureIter: Iter, target: Local, iter: Iter): void {
    this.vars.push();
    const prev = this.b.curr;
    const block: Block = { stmts: [] };
    this.b.curr = block;
    const ploc = this.b.loc;
    this.planQuery(body, 0, closureIter);
    this.b.curr = prev;
    this.b.loc = ploc;
    this.vars.pop();
    this.b.emit({ type: 'BlockStmt', stmt: { blocks: [block] } });
    this.ltarget = local(target);
    iter();
  }

  // --- unification -------------------------------------------------------

  private static isValueTerm(t: Term): boolean {
    return !(t.type === 'var' || t.type === 'array' || t.type === 'object');
  }

  protected planUnify(a: Term, b: Term, iter: Iter): void {
    if (TermPlanner.isValueTerm(a)) return this.planTerm(a, () => this.planUnifyLocal(this.ltarget, b, iter));
    if (a.type === 'var') return this.planUnifyVar(a.value, b, iter);
    if (b.type === 'var') return this.planUnifyVar(b.value, a, iter);
    if (a.type === 'array') {
      if (b.type === 'array') {
        if (a.value.length !== b.value.length) {
          this.b.emit({ type: 'BreakStmt', stmt: { index: 0 } });
          return iter();
        }
        return this.planUnifyPairs(
          a.value.map((x, i) => [x, b.value[i]]),
          iter,
        );
      }
      if (TermPlanner.isValueTerm(b))
        return this.planTerm(b, () => this.planUnifyLocalArray(this.ltarget, a.value, iter));
    }
    if (a.type === 'object') {
      if (b.type === 'object') return this.planUnifyObjects(a.value, b.value, iter);
      if (TermPlanner.isValueTerm(b))
        return this.planTerm(b, () => this.planUnifyLocalObject(this.ltarget, a.value, iter));
    }
    // Mismatched composites never unify.
    this.b.emit({ type: 'BreakStmt', stmt: { index: 0 } });
    iter();
  }

  private planUnifyVar(name: string, b: Term, iter: Iter): void {
    const la = this.vars.get(name);
    if (la !== undefined) return this.planUnifyLocal(local(la), b, iter);
    this.planTerm(b, () => {
      const known = this.vars.get(name);
      if (known !== undefined) {
        this.b.emit({ type: 'EqualStmt', stmt: { a: local(known), b: this.ltarget } });
      } else {
        const target = this.b.newLocal();
        this.vars.put(name, target);
        this.b.emit({ type: 'AssignVarStmt', stmt: { source: this.ltarget, target } });
      }
      iter();
    });
  }

  protected planUnifyLocal(a: Operand, b: Term, iter: Iter): void {
    if (a.type === 'string_index' && b.type === 'string') {
      if (a.value !== this.b.stringIndex(b.value)) this.b.emit({ type: 'BreakStmt', stmt: { index: 0 } });
      return iter();
    }
    if (a.type === 'bool' && b.type === 'boolean') {
      if (a.value !== b.value) this.b.emit({ type: 'BreakStmt', stmt: { index: 0 } });
      return iter();
    }
    switch (b.type) {
      case 'var': {
        const lv = this.vars.get(b.value);
        if (lv !== undefined) {
          this.b.emit({ type: 'EqualStmt', stmt: { a, b: local(lv) } });
          return iter();
        }
        const target = this.b.newLocal();
        this.vars.put(b.value, target);
        this.b.emit({ type: 'AssignVarStmt', stmt: { source: a, target } });
        return iter();
      }
      case 'array':
        return this.planUnifyLocalArray(a, b.value, iter);
      case 'object':
        return this.planUnifyLocalObject(a, b.value, iter);
      default:
        return this.planTerm(b, () => {
          this.b.emit({ type: 'EqualStmt', stmt: { a, b: this.ltarget } });
          iter();
        });
    }
  }

  private planUnifyLocalArray(a: Operand, elems: Term[], iter: Iter): void {
    this.b.emit({ type: 'IsArrayStmt', stmt: { source: a } });
    const blen = this.b.newLocal();
    const alen = this.b.newLocal();
    this.b.emit({ type: 'LenStmt', stmt: { source: a, target: alen } });
    this.b.emit({ type: 'MakeNumberIntStmt', stmt: { value: elems.length, target: blen } });
    this.b.emit({ type: 'EqualStmt', stmt: { a: local(alen), b: local(blen) } });
    const lkey = this.b.newLocal();
    this.b.emit({ type: 'MakeNumberIntStmt', stmt: { value: 0, target: lkey } });
    const lval = this.b.newLocal();
    const rec = (i: number): void => {
      if (i === elems.length) return iter();
      this.b.emit({ type: 'AssignIntStmt', stmt: { value: i, target: lkey } });
      this.b.emit({ type: 'DotStmt', stmt: { source: a, key: local(lkey), target: lval } });
      this.planUnifyLocal(local(lval), elems[i], () => rec(i + 1));
    };
    rec(0);
  }

  private planUnifyLocalObject(a: Operand, pairs: [Term, Term][], iter: Iter): void {
    this.b.emit({ type: 'IsObjectStmt', stmt: { source: a } });
    const blen = this.b.newLocal();
    const alen = this.b.newLocal();
    this.b.emit({ type: 'LenStmt', stmt: { source: a, target: alen } });
    this.b.emit({ type: 'MakeNumberIntStmt', stmt: { value: pairs.length, target: blen } });
    this.b.emit({ type: 'EqualStmt', stmt: { a: local(alen), b: local(blen) } });
    const lval = this.b.newLocal();
    const rec = (i: number): void => {
      if (i === pairs.length) return iter();
      this.planTerm(pairs[i][0], () => {
        this.b.emit({ type: 'DotStmt', stmt: { source: a, key: this.ltarget, target: lval } });
        this.planUnifyLocal(local(lval), pairs[i][1], () => rec(i + 1));
      });
    };
    rec(0);
  }

  private planUnifyObjects(a: [Term, Term][], b: [Term, Term][], iter: Iter): void {
    if (a.length !== b.length || !a.every(([k]) => isGround(k)) || !b.every(([k]) => isGround(k))) {
      // Non-ground keys: build both objects and compare them as values.
      return this.planObject(a, () => this.planUnifyLocal(this.ltarget, { type: 'object', value: b }, iter));
    }
    const key = (t: Term): string => JSON.stringify([t.type, t.value]);
    const bByKey = new Map(b.map(([k, v]) => [key(k), v]));
    if (!a.every(([k]) => bByKey.has(key(k)))) {
      this.b.emit({ type: 'BreakStmt', stmt: { index: 0 } });
      return iter();
    }
    this.planUnifyPairs(
      a.map(([k, v]) => [v, bByKey.get(key(k))!]),
      iter,
    );
  }

  /**
   * Unifies element pairs, each time taking the first pair with one side fully
   * bound, so `[x, y] = [y, 1]` binds y before x (the order safety analysis assumed).
   */
  private planUnifyPairs(pairs: [Term, Term][], iter: Iter): void {
    if (pairs.length === 0) return iter();
    let i = pairs.findIndex(([x, y]) => !this.unseenVars(x) || !this.unseenVars(y));
    if (i < 0) i = 0;
    const rest = [...pairs.slice(0, i), ...pairs.slice(i + 1)];
    this.planUnify(pairs[i][0], pairs[i][1], () => this.planUnifyPairs(rest, iter));
  }

  // --- references ----------------------------------------------------------

  protected unseenVars(t: Term): boolean {
    return termVars(t, [], { skipClosures: true }).some((v) => this.vars.get(v) === undefined);
  }

  protected planRef(ref: RefTerm, iter: Iter): void {
    const head = ref.value[0];
    if (head.type !== 'var') return this.fail(`illegal ref: non-var head in ${termToString(ref)}`);
    if (head.value === 'data') {
      const base: BasePtr = { local: this.vars.get('data')!, path: [] };
      return this.planRefData(this.rules, base, ref.value, 1, iter);
    }
    const l = this.vars.get(head.value);
    if (l === undefined) return this.fail(`illegal ref: unsafe head ${head.value}`);
    if (head.value === 'input' && ref.value.length === 1) {
      this.b.emit({ type: 'IsDefinedStmt', stmt: { source: l } });
    }
    this.ltarget = local(l);
    this.planRefRec(ref.value, 1, iter);
  }

  protected planRefRec(ref: Term[], index: number, iter: Iter): void {
    if (index === ref.length) return iter();
    if (!this.unseenVars(ref[index])) {
      return this.planDot(ref[index], () => this.planRefRec(ref, index + 1, iter));
    }
    this.planScan(ref[index], () => this.planRefRec(ref, index + 1, iter));
  }

  private planDot(key: Term, iter: Iter): void {
    const source = this.ltarget;
    this.planTerm(key, () => {
      const target = this.b.newLocal();
      this.b.emit({ type: 'DotStmt', stmt: { source, key: this.ltarget, target } });
      this.ltarget = local(target);
      iter();
    });
  }

  /**
   * A path into base data. OPA's interpreter reads base data from its store
   * by a path of strings, so a number key there also finds the object key of
   * its text (`data.x[2]` finds `"2"`): the key is tried as given, then as a
   * string. Values (`obj := data.x; obj[2]`) are not read that way.
   */
  private planBasePath(path: Term[], index: number, iter: Iter): void {
    if (index === path.length) return iter();
    const key = path[index];
    if (key.type !== 'number') {
      if (!this.unseenVars(key)) return this.planDot(key, () => this.planBasePath(path, index + 1, iter));
      return this.planScan(key, () => this.planBasePath(path, index + 1, iter));
    }
    const source = this.ltarget;
    const target = this.b.newLocal();
    this.b.emit({ type: 'ResetLocalStmt', stmt: { target } });
    this.planTerm(key, () =>
      this.b.emit({
        type: 'BlockStmt',
        stmt: {
          blocks: [this.b.blockWith({ type: 'DotStmt', stmt: { source, key: this.ltarget, target } })],
        },
      }),
    );
    this.b.emit({
      type: 'BlockStmt',
      stmt: {
        blocks: [
          this.b.blockWith(
            { type: 'IsUndefinedStmt', stmt: { source: target } },
            { type: 'DotStmt', stmt: { source, key: this.b.stringOperand(key.value), target } },
          ),
        ],
      },
    });
    this.b.emit({ type: 'IsDefinedStmt', stmt: { source: target } });
    this.ltarget = local(target);
    this.planBasePath(path, index + 1, iter);
  }

  protected planScan(key: Term, iter: ScanIter): void {
    const source = this.asLocal(this.ltarget);
    const k = this.b.newLocal();
    const v = this.b.newLocal();
    const block: Block = { stmts: [] };
    const prev = this.b.curr;
    this.b.curr = block;
    this.planUnifyLocal(local(k), key, () => {
      this.ltarget = local(v);
      iter(k);
    });
    this.b.curr = prev;
    this.b.emit({ type: 'ScanStmt', stmt: { source, key: k, value: v, block } });
  }

  protected planScanValues(value: Term, iter: Iter): void {
    const source = this.asLocal(this.ltarget);
    const k = this.b.newLocal();
    const v = this.b.newLocal();
    const block: Block = { stmts: [] };
    const prev = this.b.curr;
    this.b.curr = block;
    this.planUnifyLocal(local(v), value, () => {
      this.ltarget = local(v);
      iter();
    });
    this.b.curr = prev;
    this.b.emit({ type: 'ScanStmt', stmt: { source, key: k, value: v, block } });
  }

  /** The virtual document model: rules under `virtual` merged with base data under `base`. */
  private planRefData(
    virtual: RuleTrie | undefined,
    base: BasePtr,
    ref: Term[],
    index: number,
    iter: Iter,
  ): void {
    if (index >= ref.length) return this.planRefDataExtent(virtual, base, iter);
    const op = ref[index];
    if (isGround(op)) {
      const vchild = virtual && op.type === 'string' ? virtual.get(op.value) : undefined;
      const rules = vchild?.rules ?? [];
      if (rules.length > 0) {
        if (rules[0].kind === 'function') {
          return this.fail(
            `function ${termToString({ type: 'ref', value: ref.slice(0, index + 1) })} cannot be used as a value`,
          );
        }
        const name = this.planRules(rules);
        const target = this.b.newLocal();
        this.b.emit({ type: 'CallStmt', stmt: { func: name, args: this.defaultOperands(), result: target } });
        this.ltarget = local(target);
        return this.planRefRec(ref, index + 1, iter);
      }
      return this.planRefData(vchild, { local: base.local, path: [...base.path, op] }, ref, index + 1, iter);
    }

    const exclude: Term[] = [];
    if (virtual && virtual.children.size > 0) {
      const blocks: Block[] = [];
      for (const key of virtual.childKeys()) {
        const block: Block = { stmts: [] };
        const prev = this.b.curr;
        this.b.curr = block;
        const keyTerm = stringTerm(key);
        exclude.push(keyTerm);
        this.vars.push();
        this.planTerm(keyTerm, () =>
          this.planUnifyLocal(this.ltarget, op, () => {
            const copy = [...ref];
            copy[index] = keyTerm;
            this.planRefData(virtual, base, copy, index, iter);
          }),
        );
        this.vars.pop();
        this.b.curr = prev;
        blocks.push(block);
      }
      this.b.emit({ type: 'BlockStmt', stmt: { blocks } });
    }

    if (exclude.length > 0) {
      return this.planSet(exclude, () => {
        const lexclude = this.ltarget;
        this.ltarget = local(base.local);
        this.planBasePath(base.path, 0, () =>
          this.planScan(op, (lkey) => {
            const ignore = this.b.newLocal();
            this.b.emit({
              type: 'NotStmt',
              stmt: {
                block: this.b.blockWith({
                  type: 'DotStmt',
                  stmt: { source: lexclude, key: local(lkey), target: ignore },
                }),
              },
            });
            this.planRefData(
              undefined,
              { local: (this.ltarget as { value: Local }).value, path: [] },
              ref,
              index + 1,
              iter,
            );
          }),
        );
      });
    }

    this.ltarget = local(base.local);
    this.planBasePath([...base.path, op], 0, () =>
      this.planRefData(undefined, { local: this.asLocal(this.ltarget), path: [] }, ref, index + 1, iter),
    );
  }

  private planRefDataExtent(virtual: RuleTrie | undefined, base: BasePtr | undefined, iter: Iter): void {
    const vtarget = this.b.newLocal();
    if (virtual) {
      this.b.emit({ type: 'MakeObjectStmt', stmt: { target: vtarget } });
      for (const key of virtual.childKeys()) {
        const child = virtual.get(key)!;
        if (child.isFunction()) continue;
        const lkey = this.b.stringOperand(key);
        if (child.rules.length === 0) {
          this.planRefDataExtent(child, undefined, () =>
            this.b.emit({
              type: 'ObjectInsertStmt',
              stmt: { object: vtarget, key: lkey, value: this.ltarget },
            }),
          );
          continue;
        }
        const lvalue = this.b.newLocal();
        const name = this.planRules(child.rules);
        const block: Block = { stmts: [] };
        this.b.emitTo(block, {
          type: 'CallStmt',
          stmt: { func: name, args: this.defaultOperands(), result: lvalue },
        });
        this.b.emitTo(block, {
          type: 'ObjectInsertStmt',
          stmt: { object: vtarget, key: lkey, value: local(lvalue) },
        });
        this.b.emit({ type: 'BlockStmt', stmt: { blocks: [block] } });
      }
      if (!base) {
        this.ltarget = local(vtarget);
        return iter();
      }
    }
    if (!base) return this.fail('internal error: extent without base or virtual document');

    const prev = this.b.curr;
    const inner: Block = { stmts: [] };
    this.b.curr = inner;
    this.ltarget = local(base.local);
    let target = this.b.newLocal();
    this.planBasePath(base.path, 0, () => {
      if (!virtual) {
        target = this.asLocal(this.ltarget);
      } else {
        this.b.emit({ type: 'ObjectMergeStmt', stmt: { a: this.asLocal(this.ltarget), b: vtarget, target } });
      }
      this.b.emit({ type: 'BreakStmt', stmt: { index: 1 } });
    });
    const outer: Block = { stmts: [] };
    this.b.curr = outer;
    this.b.emit({ type: 'BlockStmt', stmt: { blocks: [inner] } });
    if (virtual) this.b.emit({ type: 'AssignVarStmt', stmt: { source: local(vtarget), target } });
    else this.b.emit({ type: 'BreakStmt', stmt: { index: 1 } });
    this.b.curr = prev;
    this.b.emit({ type: 'BlockStmt', stmt: { blocks: [outer] } });
    this.ltarget = local(target);
    iter();
  }
}
