import { compileAndPlan, planQuery } from '../../../services/compiler/plan/index.js';
import type { Block, Func, Policy, Stmt } from '../../../services/compiler/plan/ir.js';
import { parseModule, parseQuery } from '../../../services/compiler/rego/parser.js';

export function plan(source: string, entrypoints: string[]): Policy {
  return compileAndPlan([parseModule(source, 'policy.rego')], entrypoints).policy;
}

export function planOfQuery(source: string, query: string): Policy {
  return planQuery([parseModule(source, 'policy.rego')], parseQuery(query), 'q').policy;
}

/** Every statement in the blocks, depth first. */
export function allStmts(blocks: Block[]): Stmt[] {
  const out: Stmt[] = [];
  const visit = (b: Block): void => {
    for (const s of b.stmts) {
      out.push(s);
      const body = s.stmt as { block?: Block; blocks?: Block[] };
      if (body.block) visit(body.block);
      body.blocks?.forEach(visit);
    }
  };
  blocks.forEach(visit);
  return out;
}

export function func(policy: Policy, name: string): Func {
  const f = policy.funcs.funcs.find((x) => x.name === name);
  if (!f) throw new Error(`no func ${name}; have ${policy.funcs.funcs.map((x) => x.name).join(', ')}`);
  return f;
}

export function types(blocks: Block[]): string[] {
  return allStmts(blocks).map((s) => s.type);
}

export function str(policy: Policy, index: number): string {
  return policy.static.strings[index].value;
}
