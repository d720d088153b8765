/**
 * IR policy → policy.wasm: the runtime module plus one wasm function per
 * planned function and per plan, and OPA's ABI around them. Stages run in
 * order: declare, lower functions, lower plans, ABI, (optimise), prune,
 * emit and validate.
 */
import type { Policy } from '../plan/ir.js';
import { declareRuntimeGlobals, emitAbi } from './abi.js';
import { CodegenContext, type FuncTarget } from './context.js';
import { WasmCodegenError } from './errors.js';
import { FunctionScope } from './function-scope.js';
import { lowerBlock } from './lower-stmt.js';
import { WasmModule, type Expr, type Optimization } from './module.js';
import type { NativeTable } from './natives.js';

export interface CodegenInput {
  policy: Policy;
  /** The bytes of runtime.wasm. */
  runtime: Uint8Array;
  /** Builtins the runtime implements. */
  natives: NativeTable;
  /** See `Optimization`. */
  optimize: Optimization;
}

export function generate(input: CodegenInput): Uint8Array {
  const m = WasmModule.fromBinary(input.runtime);
  try {
    const ctx = new CodegenContext(m, input.policy, input.natives);
    declareRuntimeGlobals(ctx);
    for (const target of ctx.funcs.values()) lowerFunc(ctx, target);
    const seen = new Set<string>();
    const planNames = input.policy.plans.plans.map((plan, index) => {
      if (seen.has(plan.name))
        throw new WasmCodegenError('wasm_invalid_plan', `entrypoint ${plan.name} is planned twice`);
      seen.add(plan.name);
      const name = `plan.${index}.${plan.name}`;
      const scope = new FunctionScope(name, [0, 1], true);
      scope.owner = { blocks: plan.blocks, implicitReads: [] };
      const body = plan.blocks.map((block) => lowerBlock(ctx, scope, block));
      m.addFunction(name, scope.paramCount, 'none', scope.varCount, m.block(null, body));
      return name;
    });
    emitAbi(ctx, planNames);
    if (typeof input.optimize === 'object') {
      // binaryen's optimiser assumes valid input, so this case validates twice.
      m.validate();
      const generated = [...[...ctx.funcs.values()].map((target) => target.wasmName), ...planNames];
      m.optimizeFunctions(input.optimize, generated);
    }
    if (input.optimize !== false) m.removeUnused();
    return m.emit();
  } finally {
    m.dispose();
  }
}

function lowerFunc(ctx: CodegenContext, target: FuncTarget): void {
  const { m } = ctx;
  const { func } = target;
  const scope = new FunctionScope(func.name, func.params);
  scope.memoSlot = target.memoSlot;
  scope.owner = { blocks: func.blocks, implicitReads: [func.return] };
  const prologue: Expr[] = [];
  if (target.memoSlot !== undefined) {
    const cached = scope.temp();
    prologue.push(m.if(m.tee(cached, m.load(0, ctx.memoAddress(target.memoSlot))), m.return(m.get(cached))));
  }
  const blocks = func.blocks.map((block) => lowerBlock(ctx, scope, block));
  // Reaching the end without a ReturnLocalStmt returns whatever the return local holds.
  const body = m.block(null, [...prologue, ...blocks, m.get(scope.local(func.return))], 'i32');
  m.addFunction(target.wasmName, scope.paramCount, 'i32', scope.varCount, body);
}
