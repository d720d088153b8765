import { compile, formatted, ruleText } from './helpers.js';

describe('CheckWith', () => {
  test('targets must be input, data or a function', () => {
    expect(
      formatted(`package test
p if { true with foo as 1 }
`),
    ).toEqual([
      'm0.rego:2:13: rego_type_error: with keyword target must reference existing input, data, or a function',
    ]);
  });

  test('a data target may not point inside a rule document', () => {
    expect(
      formatted(`package test
q := {"a": 1}
p if { q with data.test.q.a as 2 }
`),
    ).toEqual([
      'm0.rego:3:10: rego_compile_error: with keyword cannot partially replace virtual document(s)',
    ]);
  });

  test('function targets and builtin replacements become operator refs', () => {
    const policy = compile(`package test
f(x) := 1
p if { f(1) with f as count }
`);
    expect(ruleText(policy, 1)).toBe('data.test.p if { data.test.f(1) with data.test.f as count }');
  });

  test('a function replacement must take as many arguments as the target', () => {
    expect(formatted('package test\nf(x) := 1\np if { f(1) with f as concat }\n')).toEqual([
      'm0.rego:3:13: rego_type_error: arity mismatch: data.test.f has arity 1, concat has arity 2',
    ]);
  });
});
