import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../builtins/index.js';
import { RegoCompileError } from '../errors.js';
import { compileRego, termHasSet, termToJson, termToValueText } from '../index.js';
import type { RegoVersion } from '../rego/parser-base.js';
import type { ConformanceCase } from './cases.js';
import { resultSetsEqual } from './compare.js';

export type CaseStatus = 'pass' | 'fail' | 'skip';

export interface CaseResult {
  note: string;
  topic: string;
  status: CaseStatus;
  /** Why it failed or was skipped. */
  reason?: string;
  ms: number;
}

/** Error messages OPA's WASM modules abort with; only these errors are checked at run time. */
const ABORT_ERRORS = ['var assignment conflict', 'object insert conflict'];

function isCompileErrorCode(code: string | undefined): boolean {
  return !!code && code.startsWith('rego_');
}

function short(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

export interface RunCaseOptions {
  /** Parse the case's modules and query as Rego v0 (OPA's `--v0-compatible`). @defaultValue 'v1' */
  regoVersion?: RegoVersion;
}

/**
 * Runs one case as OPA's own WASM runner does: the case's query is compiled
 * (with the modules) into a module whose entrypoint yields the query's
 * bindings; it is loaded with the unmodified SDK and evaluated.
 */
export async function runCase(c: ConformanceCase, options: RunCaseOptions = {}): Promise<CaseResult> {
  const started = performance.now();
  const done = (status: CaseStatus, reason?: string): CaseResult => ({
    note: c.note,
    topic: c.topic,
    status,
    reason,
    ms: performance.now() - started,
  });
  const wantsCompileError = isCompileErrorCode(c.want_error_code);
  // Conflicts are the run-time errors OPA's WASM raises: they abort with OPA's
  // WASM text (`var assignment conflict`, `object insert conflict`), whatever
  // wording the case gives for the interpreter.
  const wantsAbort =
    !c.strict_error &&
    (c.want_error_code === 'eval_conflict_error' || ABORT_ERRORS.some((e) => c.want_error?.includes(e)));
  if ((c.want_error_code || c.want_error) && !wantsCompileError && !wantsAbort && !c.strict_error) {
    return done(
      'skip',
      `run-time error "${c.want_error_code ?? c.want_error}" is not raised by OPA's WASM target (only conflicts abort)`,
    );
  }

  let compiled;
  try {
    compiled = compileRego(
      c.modules.map((source, i) => ({ file: `module-${i}.rego`, source })),
      { query: c.query, regoVersion: options.regoVersion },
    );
  } catch (err) {
    if (err instanceof RegoCompileError) {
      if (!wantsCompileError) return done('fail', `compile: ${err.message}`);
      const codes = err.errors.map((e) => e.code);
      if (!codes.includes(c.want_error_code as never)) {
        return done('fail', `want ${c.want_error_code}, got: ${err.message}`);
      }
      if (c.want_error && !err.errors.some((e) => e.message.includes(c.want_error as string))) {
        return done('fail', `want error containing "${c.want_error}", got: ${err.message}`);
      }
      return done('pass');
    }
    return done('fail', `compiler crashed: ${(err as Error)?.stack ?? err}`);
  }
  if (wantsCompileError) return done('fail', `want ${c.want_error_code}, but the policy compiled`);

  // A term with a set goes to the SDK as raw bytes (an ArrayBuffer), which
  // it hands to opa_eval unparsed; opa_eval reads Rego value text, as OPA's does.
  let input: unknown = c.input;
  if (c.input_term !== undefined) {
    try {
      input = termHasSet(c.input_term)
        ? new TextEncoder().encode(termToValueText(c.input_term)).slice().buffer
        : termToJson(c.input_term);
    } catch (err) {
      return done('fail', `input_term: ${(err as Error).message}`);
    }
  }

  let resultSet: Record<string, unknown>[];
  try {
    const policy = await loadPolicy(compiled.wasm, undefined, hostBuiltins());
    if (c.data !== undefined) policy.setData(c.data as object);
    resultSet = policy.evaluate(input, compiled.entrypoints[0]) as Record<string, unknown>[];
  } catch (err) {
    const message = typeof err === 'string' ? err : ((err as Error)?.message ?? String(err));
    if (wantsAbort && ABORT_ERRORS.some((e) => message.includes(e))) return done('pass');
    return done('fail', `evaluation error: ${message}`);
  }
  if (wantsAbort) return done('fail', `want a conflict abort, got ${short(resultSet)}`);

  if (c.want_defined !== undefined) {
    return resultSet.length > 0 === c.want_defined
      ? done('pass')
      : done('fail', `want defined=${c.want_defined}`);
  }
  // A strict_error case raises only under strict builtin errors; without them
  // the builtin is undefined, giving want_result when the case states it, else nothing.
  const want = c.want_result ?? [];
  return resultSetsEqual(want, resultSet, !!c.sort_bindings)
    ? done('pass')
    : done('fail', `want ${short(want)}, got ${short(resultSet)}`);
}
