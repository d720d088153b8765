import { printCompiled } from '../../../services/compiler/compile/printer.js';
import { compile } from './helpers.js';

describe('printCompiled', () => {
  test('prints every rewritten rule with its file and kind, and optionally stage timings', () => {
    const policy = compile('package test\nf(x) := x + 1\ns contains 1\n');
    const text = printCompiled(policy, { metrics: true });
    expect(text).toContain('# m0.rego (function/1)\ndata.test.f(__localp0__) := __localp1__ if {');
    expect(text).toContain('# m0.rego (multi)\ndata.test.s contains 1');
    expect(text).toMatch(/# stage CheckSafety: \d+\.\d{3} ms/);
  });
});
