/**
 * The planner (OPA's `internal/planner`): turns compiled rules and queries
 * into IR. Each rule set becomes a function `gN.data.pkg.rule` taking input
 * and data (plus function arguments); each query becomes a plan whose result
 * set holds one object of variable bindings per solution.
 */
import type {
  BuiltinInfo,
  BuiltinLookup,
  CompiledPolicy,
  CompiledQuery,
  CompiledRule,
} from '../compile/types.js';
import { lookupBuiltin } from '../builtins/catalog.js';
import type { Body, Expr, RefTerm, Term } from '../rego/ast.js';
import { groundPrefixLength } from '../compile/rules.js';
import {
  bodyVars,
  isCallExpr,
  isEveryExpr,
  isGeneratedVar,
  isGround,
  isTermExpr,
  operatorName,
  refTerm,
  refToString,
  stringTerm,
  termToString,
  termVars,
  termsEqual,
  varTerm,
} from '../compile/terms.js';
import type { Block, Func, Local, Operand, Plan, Policy } from './ir.js';
import { VarStack, bool, local } from './builder.js';
import { RuleTrie } from './ruletrie.js';
import { FuncStack, MockStack } from './stacks.js';
import { TermPlanner } from './term-planner.js';
import type { Iter } from './term-planner.js';

/** Reserved top-level data key holding `with` replacement values computed from local vars. */
const MOCK_STASH = '$portcullis_with';

export interface QueryToPlan {
  /** Plan name, e.g. `test/p`. */
  name: string;
  query: CompiledQuery;
}

export class Planner extends TermPlanner {
  protected rules: RuleTrie;
  private readonly funcs = new FuncStack();
  private readonly mocks = new MockStack();
  private readonly externs = new Map<string, BuiltinInfo>();
  private plan: Plan | undefined;
  private stashCount = 0;

  constructor(
    compiled: CompiledPolicy,
    private readonly builtins: BuiltinLookup = lookupBuiltin,
  ) {
    super();
    this.rules = RuleTrie.build(compiled.rules, compiled.packages);
  }

  planAll(queries: QueryToPlan[]): Policy {
    for (const q of queries) this.planEntrypoint(q);
    const policy = this.b.policy;
    policy.static.builtin_funcs = [...this.externs.values()]
      .map((d) => ({
        name: d.name,
        decl: d.decl as NonNullable<Policy['static']['builtin_funcs']>[number]['decl'],
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return policy;
  }

  private planEntrypoint({ name, query }: QueryToPlan): void {
    this.plan = { name, blocks: [] };
    this.b.policy.plans.plans.push(this.plan);
    this.b.lnext = 2;
    this.vars = new VarStack({ input: 0, data: 1 });
    this.vars.push();
    this.b.curr = { stmts: [] };
    this.b.loc = query.body[0]?.location;
    const qvs = [...new Set(bodyVars(query.body, [], { skipClosures: true }))]
      .filter((v) => v !== 'data' && v !== 'input')
      .sort();
    const named = qvs
      .map((v) => ({ v, name: query.rewrittenVars[v] ?? v }))
      .filter(({ name }) => !isGeneratedVar(name) && !name.startsWith('$'));
    let defined = false;
    this.planQuery(query.body, 0, () => {
      const lr = this.b.newLocal();
      this.b.emit({ type: 'MakeObjectStmt', stmt: { target: lr } });
      for (const { v, name: key } of named) {
        const l = this.vars.get(v);
        this.b.emit({
          type: 'ObjectInsertStmt',
          stmt: { object: lr, key: this.b.stringOperand(key), value: local(l ?? this.b.newLocal()) },
        });
      }
      this.b.emit({ type: 'ResultSetAddStmt', stmt: { value: lr } });
      defined = true;
    });
    this.vars.pop();
    if (defined) this.plan.blocks.push(this.b.curr);
  }

  // --- rules ---------------------------------------------------------------

  protected planRules(rules: CompiledRule[]): string {
    const pieces = Math.min(...rules.map((r) => groundPrefixLength(r.ref)));
    const buildObject = rules.some((r) => r.ref.length !== pieces);
    const pathRef = rules[0].ref.slice(0, pieces);
    const path = refToString(pathRef);
    const cached = this.funcs.get(path);
    if (cached) return cached;

    const saved = {
      vars: this.vars,
      curr: this.b.curr,
      ltarget: this.ltarget,
      lnext: this.b.lnext,
      loc: this.b.loc,
    };
    this.b.lnext = 0;
    this.b.loc = rules[0].rule.head.location ?? rules[0].rule.location;
    const gen = `g${this.funcs.gen()}`;
    const fn: Func = {
      name: `${gen}.${path}`,
      params: [this.b.newLocal(), this.b.newLocal()],
      return: this.b.newLocal(),
      blocks: [],
      path: [gen, ...pathRef.slice(1).map((t) => (t as { value: string }).value)],
    };
    // Register before planning bodies so recursion through `with` re-planning terminates.
    this.funcs.add(path, fn.name);
    const arity = rules[0].arity;
    for (let i = 0; i < arity; i++) fn.params.push(this.b.newLocal());
    const params = fn.params.slice(2);
    const kind = rules[0].kind;
    if (buildObject || kind === 'multi') {
      fn.blocks.push(
        this.b.blockWith(
          buildObject
            ? { type: 'MakeObjectStmt', stmt: { target: fn.return } }
            : { type: 'MakeSetStmt', stmt: { target: fn.return } },
        ),
      );
    }
    const lresult = this.b.newLocal();
    const lnext = this.b.lnext;
    const ordered = buildObject ? [...rules].sort((a, b) => b.ref.length - a.ref.length) : rules;
    let defaultRule: CompiledRule | undefined;
    const earlyExit = !buildObject && kind !== 'multi' && sameGroundValue(rules);
    let planned = 0;

    for (const cr of ordered) {
      if (cr.rule.default) {
        defaultRule = cr;
        continue;
      }
      let blocks: Block[];
      if (cr.rule.else === undefined) blocks = fn.blocks;
      else {
        const stmt = { blocks: [] as Block[] };
        fn.blocks.push({ stmts: [this.b.stamp({ type: 'BlockStmt', stmt })] });
        blocks = stmt.blocks;
      }
      let first = true;
      for (let rule: CompiledRule['rule'] | undefined = cr.rule; rule; rule = rule.else) {
        const r = rule;
        this.b.loc = r.head.location ?? r.location;
        this.b.lnext = lnext;
        this.vars = new VarStack({ input: fn.params[0], data: fn.params[1] });
        const curr: Block = { stmts: [] };
        blocks.push(curr);
        this.b.curr = curr;
        this.b.emit(
          first
            ? { type: 'ResetLocalStmt', stmt: { target: lresult } }
            : { type: 'IsUndefinedStmt', stmt: { source: lresult } },
        );
        // Early exit: once one body defined the value every body gives, the others cannot change it.
        if (first && earlyExit && planned > 0)
          this.b.emit({ type: 'IsUndefinedStmt', stmt: { source: fn.return } });
        first = false;
        this.planFuncParams(params, r.head.args ?? [], 0, () =>
          this.planQuery(r.body, 0, () => this.planHead(cr, r, buildObject, pieces, fn.return, lresult)),
        );
      }
      planned++;
      if (kind !== 'multi' && !buildObject) {
        const end: Block = { stmts: [] };
        this.b.emitTo(end, { type: 'IsDefinedStmt', stmt: { source: lresult } });
        this.b.emitTo(end, {
          type: 'AssignVarOnceStmt',
          stmt: { target: fn.return, source: local(lresult) },
        });
        blocks.push(end);
      }
    }

    if (defaultRule) {
      const d = defaultRule.rule;
      this.b.loc = d.head.location ?? d.location;
      this.b.lnext = lnext;
      this.vars = new VarStack({ input: fn.params[0], data: fn.params[1] });
      const block = this.b.blockWith({ type: 'IsUndefinedStmt', stmt: { source: fn.return } });
      fn.blocks.push(block);
      this.b.curr = block;
      this.planQuery(d.body, 0, () =>
        this.planTerm(d.head.value!, () =>
          this.b.emit({ type: 'AssignVarOnceStmt', stmt: { target: fn.return, source: this.ltarget } }),
        ),
      );
    }

    this.b.loc = rules[0].rule.head.location ?? rules[0].rule.location;
    fn.blocks.push(this.b.blockWith({ type: 'ReturnLocalStmt', stmt: { source: fn.return } }));
    this.b.policy.funcs.funcs.push(fn);

    this.vars = saved.vars;
    this.b.curr = saved.curr;
    this.ltarget = saved.ltarget;
    this.b.lnext = saved.lnext;
    this.b.loc = saved.loc;
    return fn.name;
  }

  private planHead(
    cr: CompiledRule,
    rule: CompiledRule['rule'],
    buildObject: boolean,
    pieces: number,
    ret: Local,
    lresult: Local,
  ): void {
    const head = rule.head;
    const ref = head.ref.value;
    if (cr.kind === 'multi') {
      if (!buildObject) {
        return this.planTerm(head.key!, () =>
          this.b.emit({ type: 'SetAddStmt', stmt: { set: ret, value: this.ltarget } }),
        );
      }
      return this.planNestedObjects(ret, ref.slice(pieces, -1), (obj) =>
        this.planTerm(ref[ref.length - 1], () => {
          const key = this.ltarget;
          this.planTerm(head.key!, () => {
            const value = this.ltarget;
            this.planDotOr(obj, key, 'set', (set) =>
              this.b.emit({ type: 'SetAddStmt', stmt: { set, value } }),
            );
          });
        }),
      );
    }
    if (buildObject) {
      return this.planTerm(head.value!, () => {
        const value = this.ltarget;
        this.planNestedObjects(ret, ref.slice(pieces, -1), (obj) =>
          this.planTerm(ref[ref.length - 1], () =>
            this.b.emit({ type: 'ObjectInsertOnceStmt', stmt: { object: obj, key: this.ltarget, value } }),
          ),
        );
      });
    }
    this.planTerm(head.value!, () =>
      this.b.emit({ type: 'AssignVarOnceStmt', stmt: { target: lresult, source: this.ltarget } }),
    );
  }

  /** Looks up `key` in `obj`, creating an empty object/set there when missing, then writes it back. */
  private planDotOr(obj: Local, key: Operand, make: 'object' | 'set', iter: (val: Local) => void): void {
    const prev = this.b.curr;
    const dotBlock: Block = { stmts: [] };
    this.b.curr = dotBlock;
    const val = this.b.newLocal();
    this.b.emit({ type: 'DotStmt', stmt: { source: local(obj), key, target: val } });
    this.b.emit({ type: 'BreakStmt', stmt: { index: 1 } });
    this.b.curr = prev;
    const outer: Block = {
      stmts: [
        this.b.stamp({ type: 'BlockStmt', stmt: { blocks: [dotBlock] } }),
        this.b.stamp(
          make === 'object'
            ? { type: 'MakeObjectStmt', stmt: { target: val } }
            : { type: 'MakeSetStmt', stmt: { target: val } },
        ),
      ],
    };
    this.b.emit({ type: 'BlockStmt', stmt: { blocks: [outer] } });
    iter(val);
    this.b.emit({ type: 'ObjectInsertStmt', stmt: { key, value: local(val), object: obj } });
  }

  private planNestedObjects(obj: Local, ref: Term[], iter: (obj: Local) => void): void {
    if (ref.length === 0) return iter(obj);
    this.planTerm(ref[0], () =>
      this.planDotOr(obj, this.ltarget, 'object', (child) =>
        this.planNestedObjects(child, ref.slice(1), iter),
      ),
    );
  }

  private planFuncParams(params: Local[], args: Term[], i: number, iter: Iter): void {
    if (i >= args.length) return iter();
    this.planUnifyLocal(local(params[i]), args[i], () => this.planFuncParams(params, args, i + 1, iter));
  }

  // --- queries and expressions -----------------------------------------------

  protected planQuery(body: Body, index: number, iter: Iter): void {
    if (index >= body.length) return iter();
    const old = this.b.loc;
    this.b.loc = body[index].location ?? old;
    this.planExpr(body[index], () =>
      this.planQuery(body, index + 1, () => {
        const curr = this.b.loc;
        this.b.loc = old;
        iter();
        this.b.loc = curr;
      }),
    );
    this.b.loc = old;
  }

  private planExpr(e: Expr, iter: Iter): void {
    if (e.negated) return this.planNot(e, iter);
    if (e.with && e.with.length > 0) return this.planWith(e, iter);
    if (isCallExpr(e)) return this.planExprCall(e, iter);
    if (isEveryExpr(e)) return this.planEvery(e, iter);
    if (isTermExpr(e)) return this.planExprTerm(e.terms, iter);
    this.fail('some declarations must be rewritten before planning');
  }

  private planNot(e: Expr, iter: Iter): void {
    const block: Block = { stmts: [] };
    const prev = this.b.curr;
    this.b.curr = block;
    this.vars.push();
    this.planExpr({ ...e, negated: false }, () => undefined);
    this.vars.pop();
    this.b.curr = prev;
    this.b.emit({ type: 'NotStmt', stmt: { block } });
    iter();
  }

  private planExprTerm(t: Term, iter: Iter): void {
    if (t.type === 'boolean') {
      if (!t.value) this.b.emit({ type: 'BreakStmt', stmt: { index: 0 } });
      return iter();
    }
    if (t.type === 'ref' || t.type === 'var') {
      return this.planTerm(t, () => {
        this.b.emit({ type: 'NotEqualStmt', stmt: { a: this.ltarget, b: bool(false) } });
        iter();
      });
    }
    // Composites are truthy, but only when every ref inside them is defined.
    if (t.type === 'array' || t.type === 'object' || t.type === 'set') return this.planTerm(t, iter);
    iter();
  }

  private planEvery(e: Expr & { terms: { type: 'every' } }, iter: Iter): void {
    const every = e.terms as Extract<Expr['terms'], { type: 'every' }>;
    const cond0 = this.b.newLocal();
    const cond1 = this.b.newLocal();
    this.b.emit({ type: 'ResetLocalStmt', stmt: { target: cond0 } });
    this.planTerm(every.domain, () => {
      const dom = this.ltarget;
      const check = (type: 'IsArrayStmt' | 'IsObjectStmt' | 'IsSetStmt'): Block => {
        const block: Block = { stmts: [] };
        this.b.emitTo(block, { type, stmt: { source: dom } } as never);
        this.b.emitTo(block, { type: 'BreakStmt', stmt: { index: 1 } });
        return block;
      };
      const typeCheck: Block = {
        stmts: [
          this.b.stamp({
            type: 'BlockStmt',
            stmt: { blocks: [check('IsArrayStmt'), check('IsObjectStmt'), check('IsSetStmt')] },
          }),
          this.b.stamp({ type: 'BreakStmt', stmt: { index: 1 } }),
        ],
      };
      this.b.emit({ type: 'BlockStmt', stmt: { blocks: [typeCheck] } });
      this.planScan(every.key!, () => {
        this.b.emit({ type: 'ResetLocalStmt', stmt: { target: cond1 } });
        const nested: Block = { stmts: [] };
        const prev = this.b.curr;
        this.b.curr = nested;
        const lval = this.ltarget;
        this.planUnifyLocal(lval, every.value, () =>
          this.planQuery(every.body, 0, () =>
            this.b.emit({ type: 'AssignVarStmt', stmt: { source: bool(true), target: cond1 } }),
          ),
        );
        this.b.curr = prev;
        this.b.emit({ type: 'BlockStmt', stmt: { blocks: [nested] } });
        this.b.emit({ type: 'IsUndefinedStmt', stmt: { source: cond1 } });
        this.b.emit({ type: 'AssignVarStmt', stmt: { source: bool(true), target: cond0 } });
      });
    });
    this.b.emit({ type: 'IsUndefinedStmt', stmt: { source: cond0 } });
    iter();
  }

  private isFunctionTarget(t: Term): boolean {
    const name = operatorName(t);
    if (name === undefined) return false;
    if (name.startsWith('data.')) {
      const node = this.rules.lookup(name.split('.').slice(1));
      return node !== undefined && node.isFunction();
    }
    return name !== 'input' && this.builtins(name) !== undefined;
  }

  private planWith(e: Expr, iter: Iter): void {
    const values: Term[] = [];
    const targets: RefTerm[] = [];
    const mocks = new Map<string, Term>();
    for (const w of e.with!) {
      if (this.isFunctionTarget(w.target)) {
        const name = operatorName(w.target)!;
        if (this.isFunctionTarget(w.value) || !this.usesLocals(w.value)) {
          mocks.set(name, w.value);
        } else {
          // A value computed in this frame reaches the functions planned under the `with` through a
          // reserved data path, since data is passed to every rule function.
          const stash = refTerm([
            varTerm('data'),
            stringTerm(MOCK_STASH),
            stringTerm(`m${this.stashCount++}`),
          ]);
          values.push(w.value);
          targets.push(stash);
          mocks.set(name, stash);
        }
      } else {
        values.push(w.value);
        targets.push(w.target as RefTerm);
      }
    }
    this.planTermSlice(values, 0, [], (locals) => {
      this.mocks.pushFrame(mocks);
      const paths = targets.map((t) =>
        t.value.slice(1).map((p) => this.b.stringIndex((p as { value: string }).value)),
      );
      const heads = [...new Set(targets.map((t) => (t.value[0] as { value: string }).value))].sort();
      const dataRefs = targets.filter((t) => (t.value[0] as { value: string }).value === 'data');
      const restore: [Local, Local][] = heads.map((h) => {
        const orig = this.vars.get(h)!;
        const save = this.b.newLocal();
        this.b.emit({ type: 'AssignVarStmt', stmt: { source: local(orig), target: save } });
        return [orig, save];
      });
      const dataPaths = dataRefs.map((t) => t.value.slice(1).map((p) => (p as { value: string }).value));
      const shadowing = dataPaths.some((p) => this.rules.lookup(p) !== undefined) || mocks.size > 0;
      const shadow = (): void => {
        this.funcs.push();
        for (const p of dataPaths) this.rules.push(p);
      };
      const unshadow = (): void => {
        this.funcs.pop();
        for (let i = dataPaths.length - 1; i >= 0; i--) this.rules.pop(dataPaths[i]);
      };
      if (shadowing) shadow();
      this.planWithRec(e, targets, paths, locals, 0, () => {
        this.mocks.popFrame();
        if (shadowing) unshadow();
        this.planWithUndoRec(restore, 0, () => {
          iter();
          this.mocks.pushFrame(mocks);
          if (shadowing) shadow();
        });
      });
      this.mocks.popFrame();
      if (shadowing) unshadow();
    });
  }

  /** Whether a term reads local vars of the current frame (other than input and data). */
  private usesLocals(t: Term): boolean {
    return termVars(t).some((v) => v !== 'data' && v !== 'input');
  }

  private planTermSlice(terms: Term[], i: number, acc: Operand[], iter: (ops: Operand[]) => void): void {
    if (i >= terms.length) return iter(acc);
    this.planTerm(terms[i], () => this.planTermSlice(terms, i + 1, [...acc, this.ltarget], iter));
  }

  private planWithRec(
    e: Expr,
    targets: RefTerm[],
    paths: number[][],
    values: Operand[],
    i: number,
    iter: Iter,
  ): void {
    if (i >= targets.length) return this.planExpr({ ...e, with: undefined }, iter);
    const prev = this.b.curr;
    const block: Block = { stmts: [] };
    this.b.curr = block;
    this.planWithRec(e, targets, paths, values, i + 1, iter);
    this.b.curr = prev;
    const head = (targets[i].value[0] as { value: string }).value;
    this.b.emit({
      type: 'WithStmt',
      stmt: { local: this.vars.get(head)!, path: paths[i], value: values[i], block },
    });
  }

  private planWithUndoRec(restore: [Local, Local][], i: number, iter: Iter): void {
    if (i >= restore.length) return iter();
    const prev = this.b.curr;
    const block: Block = { stmts: [] };
    this.b.curr = block;
    this.planWithUndoRec(restore, i + 1, iter);
    this.b.curr = prev;
    this.b.emit({
      type: 'WithStmt',
      stmt: { local: restore[i][0], path: [], value: local(restore[i][1]), block },
    });
  }

  private planExprCall(e: Expr & { terms: Term[] }, iter: Iter): void {
    const op = e.terms[0];
    const operands = e.terms.slice(1);
    const name = operatorName(op);
    if (name === undefined) return this.fail(`illegal call operator ${JSON.stringify(op)}`);
    if (name === 'eq') return this.planUnify(operands[0], operands[1], iter);

    const replacement = this.mocks.lookup(name);
    if (replacement) return this.planMockedCall(name, replacement, operands, iter);

    if (name.startsWith('data.')) {
      const node = this.rules.lookup(name.split('.').slice(1));
      if (!node || node.rules.length === 0) return this.fail(`illegal call: unknown function ${name}`);
      const fname = this.planRules(node.rules);
      return this.planExprCallFunc(fname, node.arity(), false, operands, this.defaultOperands(), iter);
    }
    const decl = this.builtins(name);
    if (!decl) return this.fail(`illegal call: unknown operator ${name}`);
    // `internal.print` is planned as any host call: only RewritePrintCalls (compile option `print`) makes it.
    if (name === 'print') return iter();
    this.externs.set(name, decl);
    if (decl.relation) return this.planExprCallRelation(name, decl.arity, operands, iter);
    const isVoid = (decl.decl as { result?: unknown }).result === undefined;
    this.planExprCallFunc(name, decl.variadic ? operands.length : decl.arity, isVoid, operands, [], iter);
  }

  private planMockedCall(name: string, replacement: Term, operands: Term[], iter: Iter): void {
    const arity = name.startsWith('data.')
      ? (this.rules.lookup(name.split('.').slice(1))?.arity() ?? 0)
      : (this.builtins(name)?.arity ?? 0);
    const rname = operatorName(replacement);
    if (replacement.type === 'ref' && rname !== undefined && !rname.startsWith('input')) {
      if (!rname.startsWith('data.')) {
        const decl = this.builtins(rname);
        if (decl) {
          this.externs.set(rname, decl);
          return this.planExprCallFunc(rname, decl.arity, false, operands, [], iter);
        }
      } else {
        const node = this.rules.lookup(rname.split('.').slice(1));
        if (node && node.isFunction()) {
          this.mocks.pushBarrier();
          const fname = this.planRules(node.rules);
          this.mocks.popFrame();
          return this.planExprCallFunc(fname, node.arity(), false, operands, this.defaultOperands(), iter);
        }
      }
    }
    this.planExprCallValue(replacement, arity, operands, iter);
  }

  private planCallArgs(terms: Term[], i: number, args: Operand[], iter: (args: Operand[]) => void): void {
    if (i >= terms.length) return iter(args);
    this.planTerm(terms[i], () => this.planCallArgs(terms, i + 1, [...args, this.ltarget], iter));
  }

  private planExprCallFunc(
    name: string,
    arity: number,
    isVoid: boolean,
    operands: Term[],
    args: Operand[],
    iter: Iter,
  ): void {
    if (operands.length === arity) {
      return this.planCallArgs(operands, 0, args, (all) => {
        const result = this.b.newLocal();
        this.b.emit({ type: 'CallStmt', stmt: { func: name, args: all, result } });
        if (!isVoid) this.b.emit({ type: 'NotEqualStmt', stmt: { a: local(result), b: bool(false) } });
        this.ltarget = local(result);
        iter();
      });
    }
    if (operands.length === arity + 1) {
      return this.planCallArgs(operands.slice(0, -1), 0, args, (all) => {
        const result = this.b.newLocal();
        this.b.emit({ type: 'CallStmt', stmt: { func: name, args: all, result } });
        this.planUnifyLocal(local(result), operands[operands.length - 1], iter);
      });
    }
    this.fail(`illegal call: wrong number of operands for ${name}: got ${operands.length}, want ${arity}`);
  }

  private planExprCallRelation(name: string, arity: number, operands: Term[], iter: Iter): void {
    if (operands.length === arity) {
      return this.planCallArgs(operands, 0, [], (args) => {
        const result = this.b.newLocal();
        this.b.emit({ type: 'CallStmt', stmt: { func: name, args, result } });
        const size = this.b.newLocal();
        this.b.emit({ type: 'LenStmt', stmt: { source: local(result), target: size } });
        const zero = this.b.newLocal();
        this.b.emit({ type: 'MakeNumberIntStmt', stmt: { value: 0, target: zero } });
        this.b.emit({ type: 'NotEqualStmt', stmt: { a: local(size), b: local(zero) } });
        iter();
      });
    }
    this.planCallArgs(operands.slice(0, -1), 0, [], (args) => {
      const result = this.b.newLocal();
      this.b.emit({ type: 'CallStmt', stmt: { func: name, args, result } });
      this.ltarget = local(result);
      this.planScanValues(operands[operands.length - 1], iter);
    });
  }

  private planExprCallValue(value: Term, arity: number, operands: Term[], iter: Iter): void {
    if (this.unseenVars(value)) {
      // The replacement was bound in another rule's frame, which this function cannot see.
      return this.fail(
        `with: replacement value ${termToString(value)} uses local variables; not supported yet across rules`,
      );
    }
    if (operands.length === arity) {
      return this.planCallArgs(operands, 0, [], () =>
        this.planTerm(value, () => {
          this.b.emit({ type: 'NotEqualStmt', stmt: { a: this.ltarget, b: bool(false) } });
          iter();
        }),
      );
    }
    this.planCallArgs(operands.slice(0, -1), 0, [], () =>
      this.planTerm(value, () => this.planUnifyLocal(this.ltarget, operands[operands.length - 1], iter)),
    );
  }
}

/**
 * True when every rule but the default has no else and the same ground
 * value (`allow if ...` many times): OPA's interpreter stops at the first
 * body that succeeds (its indexer's EarlyExit), and so does the plan.
 */
function sameGroundValue(rules: CompiledRule[]): boolean {
  const defined = rules.filter((cr) => !cr.rule.default);
  if (defined.length < 2) return false;
  const first = defined[0].rule.head.value;
  if (!first || !isGround(first)) return false;
  return defined.every(
    (cr) =>
      cr.rule.else === undefined && cr.rule.head.value !== undefined && termsEqual(cr.rule.head.value, first),
  );
}
