/**
 * An entrypoint (`-e pkg/rule`) must name a rule, a document below one, or
 * a package holding rules: OPA refuses the build otherwise, rather than
 * answering an empty result for ever after.
 */
import { RegoCompileError } from '../errors.js';
import { reaches } from './recursion.js';
import type { CompiledPolicy } from './types.js';

export function checkEntrypoints(policy: CompiledPolicy, entrypoints: string[]): void {
  for (const entrypoint of entrypoints) {
    const path = entrypoint.split('/').filter((p) => p.length > 0);
    if (path.length > 0 && policy.rules.some((r) => reaches(r.ref.slice(1), path))) continue;
    // OPA reports the first one only.
    throw new RegoCompileError([
      {
        code: 'rego_compile_error',
        message: `entrypoint "${entrypoint}" does not refer to a rule or policy decision`,
      },
    ]);
  }
}
