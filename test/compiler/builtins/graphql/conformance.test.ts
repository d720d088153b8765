/**
 * OPA's `graphql` conformance cases, read from ../shared/opa-conformance,
 * run end to end: each case's policy is compiled, loaded with the real
 * opa-wasm SDK and our host builtins, and evaluated. Cases that expect a
 * builtin error are also run with strict builtin errors, to check OPA's
 * message word for word.
 */
import '../../../../services/compiler/builtins/graphql/index.js';
import { join } from 'node:path';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../../../services/compiler/builtins/index.js';
import { loadCases } from '../../../../services/compiler/conformance/cases.js';
import { runCase } from '../../../../services/compiler/conformance/run-case.js';
import { compileRego } from '../../../../services/compiler/index.js';

const CASES_DIR = join(process.cwd(), '..', 'shared', 'opa-conformance', 'v1', 'graphql');
const cases = loadCases(CASES_DIR);

describe('graphql conformance cases, end to end', () => {
  it('reads all the cases', () => {
    expect(cases.length).toBe(143);
  });

  it.each(cases.map((c) => [c.note, c] as const))('%s', async (_note, c) => {
    const result = await runCase(c);
    expect(result.reason ?? '').toBe('');
    expect(result.status).toBe('pass');
  });
});

const errorCases = cases.filter((c) => c.strict_error && c.want_error);

describe('graphql builtin error messages under strict builtin errors', () => {
  it('has error cases to check', () => {
    expect(errorCases.length).toBeGreaterThan(20);
  });

  it.each(errorCases.map((c) => [c.note, c] as const))('%s', async (_note, c) => {
    const compiled = compileRego(
      c.modules.map((source, i) => ({ file: `module-${i}.rego`, source })),
      { query: c.query },
    );
    const policy = await loadPolicy(compiled.wasm, undefined, hostBuiltins({ strict: true }));
    let message = '';
    try {
      policy.evaluate(c.input, compiled.entrypoints[0]);
    } catch (err) {
      message = (err as Error).message;
      expect((err as { code?: string }).code).toBe(c.want_error_code);
    }
    expect(message).toContain(c.want_error);
  });
});
