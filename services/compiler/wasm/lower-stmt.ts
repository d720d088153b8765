/**
 * Lowers IR blocks and statements to wasm expressions, following the shape
 * of OPA's own backend (`internal/compiler/wasm`): every IR block is a wasm
 * `block`, a statement that is undefined branches to the end of the
 * innermost one, `BreakStmt{index}` branches `index` labels further out, and
 * a scan is a `block` around a `loop` (two labels, as in OPA, so plans
 * produced for OPA's backend break to the same places).
 */
import type { Block, Operand, Stmt } from '../plan/ir.js';
import { GLOBAL, type CodegenContext } from './context.js';
import { WasmCodegenError } from './errors.js';
import type { FunctionScope } from './function-scope.js';
import { lowerCall, lowerCallDynamic } from './lower-call.js';
import type { Expr } from './module.js';
import { localUses } from './local-uses.js';
import { scanExitLocal, scanIsOrderFree } from './scan-order.js';

/** Flags of opa_scan_next (runtime INTERFACE.md). */
const SCAN_ORDERED = 1;
const SCAN_WITHOUT_KEY = 2;

/** Type tags of runtime values (INTERFACE.md). */
const TYPE_ARRAY = 5;
const TYPE_OBJECT = 6;
const TYPE_SET = 7;

export function lowerBlock(ctx: CodegenContext, scope: FunctionScope, block: Block): Expr {
  const label = scope.pushLabel('block');
  const body = lowerStmts(ctx, scope, block);
  scope.popLabel();
  return ctx.m.block(label, body);
}

/** The statements of a block already given a label by the caller. */
export function lowerStmts(ctx: CodegenContext, scope: FunctionScope, block: Block): Expr[] {
  const out: Expr[] = [];
  const { stmts } = block;
  for (let i = 0; i < stmts.length; i++) {
    const test = comparisonTest(ctx, scope, stmts[i], stmts[i + 1]);
    if (test !== undefined) {
      out.push(test);
      i++;
    } else {
      out.push(lowerStmt(ctx, scope, stmts[i]));
    }
  }
  return out;
}

/** When each comparison builtin is false, from opa_value_compare's result (equal and neq use opa_value_equal). */
const COMPARISON_FAILS: Record<string, ((m: CodegenContext['m'], order: Expr) => Expr) | undefined> = {
  lt: (m, order) => m.geS(order, m.i32(0)),
  lte: (m, order) => m.gtS(order, m.i32(0)),
  gt: (m, order) => m.leS(order, m.i32(0)),
  gte: (m, order) => m.ltS(order, m.i32(0)),
};

/**
 * `x == y` as the planner writes it, a call of `equal` whose boolean only
 * the next statement reads (`NotEqualStmt {result, false}`), lowered to one
 * test: no boolean made, no second comparison. Likewise `!=`, `<`, `<=`,
 * `>`, `>=`. Undefined when the pair does not have that shape.
 */
function comparisonTest(
  ctx: CodegenContext,
  scope: FunctionScope,
  stmt: Stmt,
  next: Stmt | undefined,
): Expr | undefined {
  if (stmt.type !== 'CallStmt' || next?.type !== 'NotEqualStmt' || scope.owner === undefined)
    return undefined;
  const { func, args, result } = stmt.stmt;
  const isResult = (op: Operand): boolean => op.type === 'local' && op.value === result;
  const isFalse = (op: Operand): boolean => op.type === 'bool' && !op.value;
  const { a, b } = next.stmt;
  if (!((isResult(a) && isFalse(b)) || (isResult(b) && isFalse(a)))) return undefined;
  if (args.length !== 2 || ctx.funcs.has(func) || ctx.builtin(func)?.kind !== 'native') return undefined;
  if (localUses(scope.owner).reads.get(result) !== 1) return undefined;
  const { m } = ctx;
  const [x, y] = args.map((arg) => readOperand(ctx, scope, arg, stmt.stmt));
  const fails = COMPARISON_FAILS[func];
  if (func === 'equal') return m.br(scope.failLabel, m.eqz(ctx.callRt('opa_value_equal', [x, y], 'i32')));
  if (func === 'neq') return m.br(scope.failLabel, ctx.callRt('opa_value_equal', [x, y], 'i32'));
  if (fails === undefined) return undefined;
  return m.br(scope.failLabel, fails(m, ctx.callRt('opa_value_compare', [x, y], 'i32')));
}

export function readOperand(
  ctx: CodegenContext,
  scope: FunctionScope,
  op: Operand,
  where: Stmt['stmt'],
): Expr {
  switch (op.type) {
    case 'local':
      return ctx.m.get(scope.local(op.value));
    case 'string_index':
      return ctx.stringValue(op.value, where);
    case 'bool':
      return ctx.boolValue(op.value);
  }
}

function sameOperand(a: Operand, b: Operand): boolean {
  return a.type === b.type && a.value === b.value;
}

function lowerStmt(ctx: CodegenContext, scope: FunctionScope, stmt: Stmt): Expr {
  const { m } = ctx;
  const read = (op: Operand): Expr => readOperand(ctx, scope, op, stmt.stmt);
  const get = (local: number): Expr => m.get(scope.local(local));
  const set = (local: number, value: Expr): Expr => m.set(scope.local(local), value);
  const failIf = (condition: Expr): Expr => m.br(scope.failLabel, condition);
  const fail = (): Expr => m.br(scope.failLabel);

  switch (stmt.type) {
    case 'ReturnLocalStmt': {
      if (scope.resultSet !== undefined) {
        throw new WasmCodegenError('wasm_invalid_plan', 'ReturnLocalStmt in a plan', ctx.locate(stmt.stmt));
      }
      const value = get(stmt.stmt.source);
      if (scope.memoSlot === undefined) return m.return(value);
      return m.block(null, [
        m.store(0, ctx.memoAddress(scope.memoSlot), value),
        m.return(get(stmt.stmt.source)),
      ]);
    }
    case 'CallStmt':
      return lowerCall(ctx, scope, stmt);
    case 'CallDynamicStmt':
      return lowerCallDynamic(ctx, scope, stmt);
    case 'BlockStmt':
      return m.block(
        null,
        stmt.stmt.blocks.map((b) => lowerBlock(ctx, scope, b)),
      );
    case 'BreakStmt': {
      const label = scope.label(stmt.stmt.index);
      if (label === undefined) {
        throw new WasmCodegenError(
          'wasm_invalid_plan',
          `break ${stmt.stmt.index} leaves more blocks than enclose it`,
          ctx.locate(stmt.stmt),
        );
      }
      return m.br(label);
    }
    case 'DotStmt': {
      const { source, key, target } = stmt.stmt;
      // Only collections have members; a constant source is a string or a boolean.
      if (source.type !== 'local') return fail();
      const get = key.type === 'string_index' ? 'opa_value_get_string' : 'opa_value_get';
      return failIf(m.eqz(m.tee(scope.local(target), ctx.callRt(get, [read(source), read(key)], 'i32'))));
    }
    case 'LenStmt':
      return set(
        stmt.stmt.target,
        ctx.callRt(
          'opa_number_size',
          [ctx.callRt('opa_value_length', [read(stmt.stmt.source)], 'i32')],
          'i32',
        ),
      );
    case 'ScanStmt':
      return lowerScan(ctx, scope, stmt.stmt);
    case 'NotStmt': {
      // The negated block reaching its end means the `not` is undefined.
      const reachedEnd = scope.temp();
      const label = scope.pushLabel('not');
      const body = lowerStmts(ctx, scope, stmt.stmt.block);
      scope.popLabel();
      return m.block(null, [
        m.set(reachedEnd, m.i32(0)),
        m.block(label, [...body, m.set(reachedEnd, m.i32(1))]),
        failIf(m.get(reachedEnd)),
      ]);
    }
    case 'AssignIntStmt':
      return set(stmt.stmt.target, ctx.callRt('opa_number_int', [m.i64(stmt.stmt.value)], 'i32'));
    case 'AssignVarStmt':
      return set(stmt.stmt.target, read(stmt.stmt.source));
    case 'AssignVarOnceStmt': {
      const target = scope.local(stmt.stmt.target);
      return m.block(null, [
        m.if(
          m.get(target),
          m.if(
            ctx.callRt('opa_value_compare', [m.get(target), read(stmt.stmt.source)], 'i32'),
            ctx.conflict(stmt.stmt, 'var assignment conflict'),
          ),
        ),
        m.set(target, read(stmt.stmt.source)),
      ]);
    }
    case 'ResetLocalStmt':
      return set(stmt.stmt.target, m.i32(0));
    case 'MakeNullStmt':
      return set(stmt.stmt.target, ctx.callRt('opa_null', [], 'i32'));
    case 'MakeNumberIntStmt':
      return set(stmt.stmt.target, ctx.callRt('opa_number_int', [m.i64(stmt.stmt.value)], 'i32'));
    case 'MakeNumberRefStmt': {
      const text = ctx.data.text(ctx.policyString(stmt.stmt.Index, stmt.stmt));
      return set(
        stmt.stmt.target,
        ctx.callRt('opa_number_ref', [ctx.staticAddress(text.offset), m.i32(text.length)], 'i32'),
      );
    }
    case 'MakeArrayStmt':
      return set(stmt.stmt.target, ctx.callRt('opa_array_with_cap', [m.i32(stmt.stmt.capacity)], 'i32'));
    case 'MakeObjectStmt':
      return set(stmt.stmt.target, ctx.callRt('opa_object', [], 'i32'));
    case 'MakeSetStmt':
      return set(stmt.stmt.target, ctx.callRt('opa_set', [], 'i32'));
    case 'EqualStmt': {
      const known =
        sameOperand(stmt.stmt.a, stmt.stmt.b) || constantsEqual(ctx, stmt.stmt.a, stmt.stmt.b, stmt.stmt);
      if (known !== undefined) return known ? m.nop() : fail();
      const same = sameBoolean(ctx, read, stmt.stmt.a, stmt.stmt.b);
      if (same !== undefined) return failIf(m.eqz(same));
      return failIf(m.eqz(ctx.callRt('opa_value_equal', [read(stmt.stmt.a), read(stmt.stmt.b)], 'i32')));
    }
    case 'NotEqualStmt': {
      const { a, b } = stmt.stmt;
      if (sameOperand(a, b)) return fail();
      const known = constantsEqual(ctx, a, b, stmt.stmt);
      if (known !== undefined) return known ? fail() : m.nop();
      return failIf(sameBoolean(ctx, read, a, b) ?? ctx.callRt('opa_value_equal', [read(a), read(b)], 'i32'));
    }
    case 'IsArrayStmt':
      return typeCheck(ctx, scope, stmt.stmt.source, TYPE_ARRAY, stmt.stmt);
    case 'IsObjectStmt':
      return typeCheck(ctx, scope, stmt.stmt.source, TYPE_OBJECT, stmt.stmt);
    case 'IsSetStmt':
      return typeCheck(ctx, scope, stmt.stmt.source, TYPE_SET, stmt.stmt);
    case 'IsDefinedStmt':
      return failIf(m.eqz(get(stmt.stmt.source)));
    case 'IsUndefinedStmt':
      return failIf(get(stmt.stmt.source));
    case 'ArrayAppendStmt':
      return ctx.callRt('opa_array_append', [get(stmt.stmt.array), read(stmt.stmt.value)], 'none');
    case 'ObjectInsertStmt':
      return ctx.callRt(
        'opa_object_insert',
        [get(stmt.stmt.object), read(stmt.stmt.key), read(stmt.stmt.value)],
        'none',
      );
    case 'ObjectInsertOnceStmt': {
      const { key, value, object } = stmt.stmt;
      const existing = scope.temp();
      return m.block(null, [
        m.if(
          m.tee(existing, ctx.callRt('opa_value_get', [get(object), read(key)], 'i32')),
          m.if(
            ctx.callRt('opa_value_compare', [m.get(existing), read(value)], 'i32'),
            ctx.conflict(stmt.stmt, 'object insert conflict'),
          ),
        ),
        ctx.callRt('opa_object_insert', [get(object), read(key), read(value)], 'none'),
      ]);
    }
    case 'ObjectMergeStmt':
      return set(
        stmt.stmt.target,
        ctx.callRt('opa_value_merge', [get(stmt.stmt.a), get(stmt.stmt.b)], 'i32'),
      );
    case 'SetAddStmt':
      return ctx.callRt('opa_set_add', [get(stmt.stmt.set), read(stmt.stmt.value)], 'none');
    case 'WithStmt':
      return lowerWith(ctx, scope, stmt.stmt);
    case 'NopStmt':
      return m.nop();
    case 'ResultSetAddStmt': {
      const resultSet = scope.resultSet;
      if (resultSet === undefined) {
        throw new WasmCodegenError(
          'wasm_invalid_plan',
          'ResultSetAddStmt outside of a plan',
          ctx.locate(stmt.stmt),
        );
      }
      return ctx.callRt('opa_set_add', [m.get(resultSet), get(stmt.stmt.value)], 'none');
    }
    default: {
      const unknown = stmt as { type?: unknown; stmt?: Stmt['stmt'] };
      throw new WasmCodegenError(
        'wasm_unsupported',
        `statement ${String(unknown.type)} is not supported`,
        unknown.stmt ? ctx.locate(unknown.stmt) : undefined,
      );
    }
  }
}

/** Whether two constant operands are equal, known at compile time; undefined when either is a local. */
/**
 * Equality with a boolean constant as an address comparison: every boolean is
 * one of the runtime's two shared values (opa_boolean), so `x != false`
 * after a builtin call needs no call of its own.
 */
function sameBoolean(
  ctx: CodegenContext,
  read: (op: Operand) => Expr,
  a: Operand,
  b: Operand,
): Expr | undefined {
  const [local, constant] = a.type === 'bool' ? [b, a] : [a, b];
  if (constant.type !== 'bool' || local.type !== 'local') return undefined;
  return ctx.m.eq(read(local), ctx.boolValue(constant.value));
}

function constantsEqual(
  ctx: CodegenContext,
  a: Operand,
  b: Operand,
  where: Stmt['stmt'],
): boolean | undefined {
  if (a.type === 'local' || b.type === 'local') return undefined;
  if (a.type !== b.type) return false;
  if (a.type === 'bool') return a.value === b.value;
  // The string table may hold one value twice, so compare values, not indices.
  return ctx.policyString(a.value as number, where) === ctx.policyString(b.value as number, where);
}

function typeCheck(
  ctx: CodegenContext,
  scope: FunctionScope,
  source: Operand,
  tag: number,
  where: Stmt['stmt'],
): Expr {
  const { m } = ctx;
  // Constants are strings or booleans, never collections.
  if (source.type !== 'local') return m.br(scope.failLabel);
  return m.br(
    scope.failLabel,
    m.ne(ctx.callRt('opa_value_type', [readOperand(ctx, scope, source, where)], 'i32'), m.i32(tag)),
  );
}

function lowerScan(
  ctx: CodegenContext,
  scope: FunctionScope,
  scan: Extract<Stmt, { type: 'ScanStmt' }>['stmt'],
): Expr {
  const { m } = ctx;
  const source = scope.local(scan.source);
  const key = scope.local(scan.key);
  const value = scope.local(scan.value);
  // Sets and objects iterate in key order, unless the body cannot tell: then in hash order, without a sort.
  const ordered = !(scope.owner && scanIsOrderFree(scan, scope.owner));
  const cursor = scope.temp();
  const exitLocal = scope.owner && scanExitLocal(scan, scope.owner);
  const done = scope.pushLabel('scan');
  const next = scope.pushLabel('next');
  const body = lowerStmts(ctx, scope, scan.block);
  scope.popLabel();
  scope.popLabel();
  // Ends the scan once the body has assigned its one constant (when that local was undefined before it).
  const exit: Expr[] = [];
  const prologue: Expr[] = [];
  if (exitLocal !== undefined) {
    const wasUndefined = scope.temp();
    prologue.push(m.set(wasUndefined, m.eqz(m.get(scope.local(exitLocal)))));
    exit.push(m.br(done, m.and(m.get(wasUndefined), m.ne(m.get(scope.local(exitLocal)), m.i32(0)))));
  }
  // An unused key or value is not read out (an array element's key is a number made on each step).
  const uses = scope.owner && localUses(scope.owner).used;
  const keyUsed = uses?.has(scan.key) ?? true;
  const valueUsed = uses?.has(scan.value) ?? true;
  const flags = (ordered ? SCAN_ORDERED : 0) | (keyUsed ? 0 : SCAN_WITHOUT_KEY);
  const step = ctx.callRt('opa_scan_next', [m.get(source), m.get(cursor), m.i32(flags)], 'i32');
  return m.block(null, [
    m.set(cursor, m.i32(0)),
    ...prologue,
    m.block(done, [
      m.loop(
        next,
        m.block(null, [
          ...exit,
          m.br(done, m.eqz(m.tee(cursor, step))),
          ...(keyUsed ? [m.set(key, m.load(0, m.globalGet(GLOBAL.scanOut)))] : []),
          ...(valueUsed ? [m.set(value, m.load(4, m.globalGet(GLOBAL.scanOut)))] : []),
          ...body,
          m.br(next),
        ]),
      ),
    ]),
  ]);
}

/**
 * Runs the nested block with `local` replaced by a copy upserted at `path`,
 * then restores it. The statement is undefined when the block is.
 */
function lowerWith(
  ctx: CodegenContext,
  scope: FunctionScope,
  withStmt: Extract<Stmt, { type: 'WithStmt' }>['stmt'],
): Expr {
  const { m } = ctx;
  const local = scope.local(withStmt.local);
  const saved = scope.temp();
  const savedMemo = scope.temp();
  const undefinedFlag = scope.temp();
  const value = readOperand(ctx, scope, withStmt.value, withStmt);

  let replacement: Expr;
  if (withStmt.path.length === 0) {
    replacement = value;
  } else {
    const path = scope.temp();
    const build: Expr[] = [
      m.set(path, ctx.callRt('opa_array_with_cap', [m.i32(withStmt.path.length)], 'i32')),
    ];
    for (const index of withStmt.path) {
      build.push(ctx.callRt('opa_array_append', [m.get(path), ctx.stringValue(index, withStmt)], 'none'));
    }
    replacement = m.block(
      null,
      [...build, ctx.callRt('opa_value_upsert_path', [m.get(saved), m.get(path), value], 'i32')],
      'i32',
    );
  }

  const label = scope.pushLabel('with');
  const body = lowerStmts(ctx, scope, withStmt.block);
  scope.popLabel();
  // Memoised rule results computed under the replacement must not leak out, nor older ones in.
  return m.block(null, [
    m.set(saved, m.get(local)),
    m.set(local, replacement),
    m.set(savedMemo, m.globalGet(GLOBAL.memo)),
    ctx.newMemoTable(),
    m.set(undefinedFlag, m.i32(1)),
    m.block(label, [...body, m.set(undefinedFlag, m.i32(0))]),
    m.globalSet(GLOBAL.memo, m.get(savedMemo)),
    m.set(local, m.get(saved)),
    m.br(scope.failLabel, m.get(undefinedFlag)),
  ]);
}
