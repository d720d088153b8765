import { formatted } from './helpers.js';

describe('CheckCalls', () => {
  test('unknown functions are type errors at the call', () => {
    expect(
      formatted(`package test
p if { nope(1) }
`),
    ).toEqual(['m0.rego:2:8: rego_type_error: undefined function nope']);
  });

  test('builtin arity: a nested call takes exactly its arguments, an expression may add an output', () => {
    expect(
      formatted(`package test
p if { x := count([1], [2]) }
q if { count([1], n); n == 1 }
r if { count([1], n, m) }
s if { concat(",") }
`),
    ).toEqual([
      'm0.rego:2:13: rego_type_error: count: too many arguments',
      'm0.rego:4:8: rego_type_error: count: too many arguments',
      'm0.rego:5:8: rego_type_error: concat: too few arguments',
    ]);
  });

  test('user functions are checked against their declared arity', () => {
    expect(
      formatted(`package test
f(a, b) := a + b
p := f(1)
`),
    ).toEqual(['m0.rego:3:6: rego_type_error: data.test.f: too few arguments']);
  });

  test('undefined functions of other packages are reported with their full name', () => {
    expect(
      formatted(`package test
import data.lib
p if lib.g(1)
`),
    ).toEqual(['m0.rego:3:6: rego_type_error: undefined function data.lib.g']);
  });
});
