import { formatted } from './helpers.js';

describe('GroupRules checks', () => {
  test('mixing complete and partial set rules on one path is a type error', () => {
    expect(
      formatted(`package test
p := 1
p contains 2
`),
    ).toEqual(['m0.rego:2:1: rego_type_error: conflicting rules data.test.p found']);
  });

  test('functions with different arities conflict', () => {
    expect(
      formatted(`package test
f(x) := 1
f(x, y) := 2
`),
    ).toEqual(['m0.rego:2:1: rego_type_error: conflicting rules data.test.f found']);
  });

  test('several default rules for one path are reported at the second one', () => {
    expect(
      formatted(`package test
default p := 1
default p := 2
`),
    ).toEqual(['m0.rego:3:1: rego_type_error: multiple default rules data.test.p found']);
  });

  test('a complete document cannot have rules below it', () => {
    expect(
      formatted(`package test
p := 1
p.q := 2
`),
    ).toEqual(['m0.rego:2:1: rego_type_error: rule data.test.p conflicts with [data.test.p.q]']);
  });

  test('partial objects and ref-head rules on one prefix are allowed', () => {
    expect(() =>
      formatted(`package test
p[k] := 1 if k := "a"
p.b := 2
`),
    ).toThrow('expected a RegoCompileError');
  });
});
