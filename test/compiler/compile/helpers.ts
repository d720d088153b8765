import { compileModules } from '../../../services/compiler/compile/compiler.js';
import type { CompiledPolicy } from '../../../services/compiler/compile/types.js';
import { RegoCompileError, formatRegoError } from '../../../services/compiler/errors.js';
import type { RegoError } from '../../../services/compiler/errors.js';
import { parseModule } from '../../../services/compiler/rego/parser.js';
import { formatRule } from '../../../services/compiler/rego/printer.js';

/** Compiles Rego sources named `m0.rego`, `m1.rego`, ... */
export function compile(...sources: string[]): CompiledPolicy {
  return compileModules(sources.map((s, i) => parseModule(s, `m${i}.rego`)));
}

/** The errors a compile run throws (fails the test if it compiles). */
export function compileErrors(...sources: string[]): RegoError[] {
  try {
    compile(...sources);
  } catch (err) {
    if (err instanceof RegoCompileError) return err.errors;
    throw err;
  }
  throw new Error('expected a RegoCompileError, but the modules compiled');
}

export function formatted(...sources: string[]): string[] {
  return compileErrors(...sources).map(formatRegoError);
}

/** The compiled rule at `path` (e.g. `data.test.p`), printed as Rego. */
export function ruleText(policy: CompiledPolicy, index: number): string {
  return formatRule(policy.rules[index].rule);
}
