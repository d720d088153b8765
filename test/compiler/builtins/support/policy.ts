/** Compiles a Rego module with a query and evaluates it through the real opa-wasm SDK. */
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../../../services/compiler/builtins/index.js';
import type { HostBuiltinOptions } from '../../../../services/compiler/builtins/index.js';
import { compileRego } from '../../../../services/compiler/index.js';

export interface LoadedQuery {
  /** Runs one evaluation and returns its result set. */
  evaluate(input?: unknown): Record<string, unknown>[];
}

export async function loadQuery(
  source: string,
  query: string,
  options: HostBuiltinOptions = {},
): Promise<LoadedQuery> {
  const compiled = compileRego([{ file: 'policy.rego', source }], { query });
  const policy = await loadPolicy(compiled.wasm, undefined, hostBuiltins(options));
  return {
    evaluate: (input) => policy.evaluate(input ?? {}, compiled.entrypoints[0]) as Record<string, unknown>[],
  };
}
