import { compile, ruleText } from './helpers.js';

describe('ResolveRefs', () => {
  test('rule names, imports and aliases become full data/input refs', () => {
    const policy = compile(`package test
import data.lib.helpers as h
import input.user
q := 1
p if { q == 1; h.x == user.name }
`);
    expect(ruleText(policy, 1)).toBe(
      'data.test.p if { data.test.q == 1; data.lib.helpers.x == input.user.name }',
    );
  });

  test('a var declared in a head comprehension is not the rule of that name', () => {
    const policy = compile(`package test
n := 1
q := {1}
names := {n | some n in q}
`);
    expect(ruleText(policy, 2)).toMatch(/^data\.test\.names := \{(__localp\d+__) \| .*= \1/);
  });

  test('head refs of every rule kind start with data and the package path', () => {
    const policy = compile(`package a.b
s contains 1
o[k] := 1 if k := "x"
c.d := 2
f(x) := x
`);
    expect(policy.rules.map((r) => r.kind)).toEqual(['multi', 'single', 'single', 'function']);
    expect(policy.rules.map((r) => r.ref.map((t) => ('value' in t ? t.value : '?')).join('/'))).toEqual([
      'data/a/b/s',
      'data/a/b/o/__localp0__',
      'data/a/b/c/d',
      'data/a/b/f',
    ]);
    expect(policy.packages).toEqual([['a', 'b']]);
  });

  test('declared local vars shadow rule names', () => {
    const policy = compile(`package test
q := 1
p := q if { q := 2 }
`);
    expect(ruleText(policy, 1)).toBe('data.test.p := __localp0__ if { __localp0__ = 2 }');
  });

  test('calls to functions of the package resolve to their data path', () => {
    const policy = compile(`package test
f(x) := x + 1
p := f(1)
`);
    expect(ruleText(policy, 1)).toContain('data.test.f(1, __localp');
  });

  test('rules of the same package defined in another module are visible by name', () => {
    const policy = compile('package test\np contains 1\n', 'package test\nn := count(p)\n');
    expect(ruleText(policy, 1)).toBe(
      'data.test.n := __localp0__ if { true; count(data.test.p, __localp0__) }',
    );
  });
});
