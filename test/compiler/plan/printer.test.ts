import { printPolicy } from '../../../services/compiler/plan/printer.js';
import { plan } from './helpers.js';

describe('printPolicy', () => {
  test('prints statics, plans and funcs with nested blocks indented and operands resolved', () => {
    const text = printPolicy(plan('package test\np := x if x := input.a[_]\n', ['test/p']));
    expect(text).toContain('  string 0: "a"');
    expect(text).toContain('  file 0: policy.rego');
    expect(text).toContain(
      'plan test/p\n  block\n    CallStmt {func: "g0.data.test.p", args: [Local<0>, Local<1>], result: Local<2>}',
    );
    expect(text).toContain('func g0.data.test.p (Local<0>, Local<1>) returns Local<2>');
    expect(text).toMatch(
      /\n {4}ScanStmt \{source: Local<\d+>, key: Local<\d+>, value: Local<\d+>\}\n {6}block\n/,
    );
    expect(text).toContain('DotStmt {source: Local<0>, key: "a", target: Local<');
  });
});
