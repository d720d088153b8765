import { compile, formatted } from './helpers.js';

describe('CheckRecursion', () => {
  test('a rule reading itself is recursive', () => {
    expect(
      formatted(`package x
p if p
`),
    ).toEqual(['m0.rego:2:1: rego_recursion_error: rule data.x.p is recursive: data.x.p -> data.x.p']);
  });

  test('cycles through several rules and functions are reported for each member', () => {
    expect(
      formatted(`package x
p if q
q if f(1)
f(a) := a if p
`),
    ).toEqual([
      'm0.rego:2:1: rego_recursion_error: rule data.x.p is recursive: data.x.p -> data.x.q -> data.x.f -> data.x.p',
      'm0.rego:3:1: rego_recursion_error: rule data.x.q is recursive: data.x.q -> data.x.f -> data.x.p -> data.x.q',
      'm0.rego:4:1: rego_recursion_error: rule data.x.f is recursive: data.x.f -> data.x.p -> data.x.q -> data.x.f',
    ]);
  });

  test('reading the whole package extent from inside it is recursive', () => {
    expect(
      formatted(`package x
p := data.x
`),
    ).toEqual(['m0.rego:2:1: rego_recursion_error: rule data.x.p is recursive: data.x.p -> data.x.p']);
  });

  test('refs that cannot reach a rule are not dependencies', () => {
    expect(() =>
      compile(`package x
p := data[2]
q := data[k].other if k := "x"
`),
    ).not.toThrow();
  });
});
