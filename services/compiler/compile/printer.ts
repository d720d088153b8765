/**
 * Text of a compiled policy: each rule set as Rego after the compile stages
 * (full paths, renamed locals, lifted calls, safety order), then the stage
 * timings. For debugging the compiler and for tests.
 */
import { formatRule } from '../rego/printer.js';
import type { CompiledPolicy } from './types.js';

export function printCompiled(policy: CompiledPolicy, options: { metrics?: boolean } = {}): string {
  const lines: string[] = [];
  for (const r of policy.rules) {
    lines.push(`# ${r.file} (${r.kind}${r.arity > 0 ? `/${r.arity}` : ''})`);
    lines.push(formatRule(r.rule));
  }
  if (options.metrics) {
    for (const m of policy.metrics) lines.push(`# stage ${m.name}: ${m.ms.toFixed(3)} ms`);
  }
  return `${lines.join('\n')}\n`;
}
