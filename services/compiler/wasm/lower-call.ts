/**
 * Lowers `CallStmt` (planned functions, native builtins, host builtins) and
 * `CallDynamicStmt` (a rule chosen by a path computed at run time).
 */
import type { CallDynamicStmt, CallStmt } from '../plan/ir.js';
import { MAX_HOST_BUILTIN_ARITY, type CodegenContext, type FuncTarget, type HostTarget } from './context.js';
import { WasmCodegenError } from './errors.js';
import type { FunctionScope } from './function-scope.js';
import { readOperand } from './lower-stmt.js';
import { nativeTableArgs } from './native-tables.js';
import type { Expr } from './module.js';
import { returnsSet, stringKeyedObjectArgs } from '../builtins/catalog.js';

export function lowerCall(ctx: CodegenContext, scope: FunctionScope, stmt: CallStmt): Expr {
  const { m } = ctx;
  const { func, args, result } = stmt.stmt;
  const values = args.map((arg) => readOperand(ctx, scope, arg, stmt.stmt));
  let call: Expr;

  const planned = ctx.funcs.get(func);
  const builtin = planned ? undefined : ctx.builtin(func);
  if (planned) {
    if (planned.func.params.length !== args.length) {
      throw new WasmCodegenError(
        'wasm_invalid_plan',
        `${func} takes ${planned.func.params.length} arguments, called with ${args.length}`,
        ctx.locate(stmt.stmt),
      );
    }
    call = m.call(planned.wasmName, values, 'i32');
  } else if (builtin?.kind === 'native') {
    if (builtin.arity !== args.length) {
      throw new WasmCodegenError(
        'wasm_invalid_plan',
        `builtin ${func} takes ${builtin.arity} arguments, called with ${args.length}`,
        ctx.locate(stmt.stmt),
      );
    }
    call = ctx.callRt(builtin.runtimeFn, [...nativeTableArgs(ctx, func), ...values], 'i32');
    if (builtin.hostFallback) {
      if (!builtin.fallback) {
        throw new WasmCodegenError(
          'wasm_invalid_plan',
          `builtin ${func} is not declared in static.builtin_funcs, which its host fallback needs`,
          ctx.locate(stmt.stmt),
        );
      }
      // The native answers HOST_FALLBACK when the host must: the same call, made there.
      const answer = scope.temp();
      const again = args.map((arg) => readOperand(ctx, scope, arg, stmt.stmt));
      call = m.block(
        null,
        [
          m.set(answer, call),
          m.if(
            m.eq(m.get(answer), m.i32(HOST_FALLBACK)),
            m.set(answer, hostCall(ctx, scope, builtin.fallback, stmt, again)),
          ),
          m.get(answer),
        ],
        'i32',
      );
    }
  } else if (builtin?.kind === 'host') {
    call = hostCall(ctx, scope, builtin, stmt, values);
  } else {
    throw new WasmCodegenError(
      'wasm_undefined_function',
      `undefined function ${func}`,
      ctx.locate(stmt.stmt),
    );
  }
  return m.br(scope.failLabel, m.eqz(m.tee(scope.local(result), call)));
}

/** What a native listed with `hostFallback` answers when the host builtin must answer instead. */
const HOST_FALLBACK = 1;

/** A call of host builtin `target` with the argument values `values` (each used once). */
function hostCall(
  ctx: CodegenContext,
  scope: FunctionScope,
  target: HostTarget,
  stmt: CallStmt,
  values: Expr[],
): Expr {
  const { m } = ctx;
  const { func, args } = stmt.stmt;
  if (args.length > MAX_HOST_BUILTIN_ARITY) {
    throw new WasmCodegenError(
      'wasm_unsupported',
      `builtin ${func} has ${args.length} arguments; host builtins take at most ${MAX_HOST_BUILTIN_ARITY}`,
      ctx.locate(stmt.stmt),
    );
  }
  let call: Expr;
  if (!target.exact) {
    call = jsonHostCall(ctx, target.id, func, values);
  } else if (target.jsonId === undefined) {
    call = exactHostCall(ctx, scope, target.id, func, values);
  } else {
    // Operands are locals and constants: reading them twice is free of effects.
    const exactInJson = values
      .map((v) => ctx.callRt('opa_value_json_exact', [v], 'i32'))
      .reduce((all, one) => m.and(all, one));
    call = m.if(
      exactInJson,
      jsonHostCall(ctx, target.jsonId, func, values),
      exactHostCall(ctx, scope, target.id, func, values),
    );
  }
  // JSON would also turn a non-string key into a string: such an object is a type error, undefined.
  const keyChecks = stringKeyedObjectArgs(func).map((i) =>
    m.br(
      scope.failLabel,
      m.eqz(ctx.callRt('opa_value_string_keyed', [readOperand(ctx, scope, args[i], stmt.stmt)], 'i32')),
    ),
  );
  if (keyChecks.length > 0) call = m.block(null, [...keyChecks, call], 'i32');
  return call;
}

/** A host call in the SDK's own convention: arguments and answer in JSON. */
function jsonHostCall(ctx: CodegenContext, id: number, func: string, values: Expr[]): Expr {
  const { m } = ctx;
  // The second argument is the reserved builtin context, always 0 as in OPA.
  const call = m.call(ctx.hostDispatcher(values.length), [m.i32(id), m.i32(0), ...values], 'i32');
  // The host answers in JSON, where a set can only be an array: restore the set.
  return returnsSet(func) ? ctx.callRt('opa_value_as_set', [call], 'i32') : call;
}

/** Type tag of a string value (runtime INTERFACE.md). */
const STRING_TYPE = 4;

/**
 * A host call in the exact convention: each argument goes as the string of its
 * Rego value text (`opa_value_dump`), and the host's answer, a string of value
 * text, is read back with `opa_value_parse`. An undefined answer fails the
 * statement; anything that is not value text aborts.
 */
function exactHostCall(
  ctx: CodegenContext,
  scope: FunctionScope,
  id: number,
  func: string,
  values: Expr[],
): Expr {
  const { m } = ctx;
  const texts = values.map((v) =>
    ctx.callRt('opa_string_terminated', [ctx.callRt('opa_value_dump', [v], 'i32')], 'i32'),
  );
  const answer = scope.temp();
  const parsed = scope.temp();
  const call = m.call(ctx.hostDispatcher(values.length), [m.i32(id), m.i32(0), ...texts], 'i32');
  const malformed = ctx.abort(`host builtin ${func} (exact convention) did not answer with Rego value text`);
  return m.block(
    null,
    [
      m.br(scope.failLabel, m.eqz(m.tee(answer, call))),
      m.if(m.ne(ctx.callRt('opa_value_type', [m.get(answer)], 'i32'), m.i32(STRING_TYPE)), malformed),
      m.set(
        parsed,
        ctx.callRt('opa_value_parse', [m.load(8, m.get(answer)), m.load(4, m.get(answer))], 'i32'),
      ),
      m.if(m.eqz(m.get(parsed)), ctx.abort(`host builtin ${func} answered malformed Rego value text`)),
      m.get(parsed),
    ],
    'i32',
  );
}

/**
 * Calls the planned function whose `path` equals the run-time path. As in
 * OPA's backend, no such function branches to the end of the current block
 * (the planner then reads the path from `data`), and an undefined result
 * branches two labels further out.
 *
 * Candidates are narrowed at compile time by path length, arity and the
 * constant path segments; the remaining segments are compared at run time.
 */
export function lowerCallDynamic(ctx: CodegenContext, scope: FunctionScope, stmt: CallDynamicStmt): Expr {
  const { m } = ctx;
  const { args, path, result } = stmt.stmt;
  const undefinedLabel = scope.label(2);
  if (undefinedLabel === undefined) {
    throw new WasmCodegenError(
      'wasm_invalid_plan',
      'CallDynamicStmt needs two enclosing blocks beyond its own',
      ctx.locate(stmt.stmt),
    );
  }
  const constantPath = path.map((op) =>
    op.type === 'string_index' ? ctx.policyString(op.value, stmt.stmt) : undefined,
  );
  const candidates: FuncTarget[] = [];
  for (const target of ctx.funcs.values()) {
    const fpath = target.func.path;
    if (!fpath || fpath.length !== path.length || target.func.params.length !== args.length) continue;
    if (path.some((op) => op.type === 'bool')) continue;
    if (constantPath.every((segment, i) => segment === undefined || segment === fpath[i]))
      candidates.push(target);
  }

  const done = scope.pushLabel('dyn');
  const tries: Expr[] = [];
  for (const target of candidates) {
    const next = scope.pushLabel('dynnext');
    const checks: Expr[] = [];
    path.forEach((op, i) => {
      if (op.type !== 'local') return;
      const segment = ctx.stringValue(ctx.constantIndex((target.func.path ?? [])[i] ?? ''), stmt.stmt);
      checks.push(
        m.br(next, ctx.callRt('opa_value_compare', [readOperand(ctx, scope, op, stmt.stmt), segment], 'i32')),
      );
    });
    const call = m.call(
      target.wasmName,
      args.map((local) => m.get(scope.local(local))),
      'i32',
    );
    tries.push(
      m.block(next, [...checks, m.br(undefinedLabel, m.eqz(m.tee(scope.local(result), call))), m.br(done)]),
    );
    scope.popLabel();
  }
  scope.popLabel();
  return m.block(done, [...tries, m.br(scope.failLabel)]);
}
