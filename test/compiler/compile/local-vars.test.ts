import { compile, formatted, ruleText } from './helpers.js';

describe('RewriteLocalVars', () => {
  test('assigning a declared var again is a compile error at the second assignment', () => {
    expect(
      formatted(`package test
p if {
	x := 1
	x := 2
}
`),
    ).toEqual(['m0.rego:4:2: rego_compile_error: var x assigned above']);
  });

  test('assigning a var that was already referenced is a compile error', () => {
    expect(
      formatted(`package test
p if {
	x = 1
	x := 2
}
`),
    ).toEqual(['m0.rego:4:2: rego_compile_error: var x referenced above']);
  });

  test('declaring the same var twice with some is a compile error', () => {
    expect(
      formatted(`package test
p if {
	some x
	some x
	x = 1
}
`),
    ).toEqual(['m0.rego:4:7: rego_compile_error: var x declared above']);
  });

  test('comprehensions open a scope: := inside shadows the outer var', () => {
    const policy = compile(`package test
p := [x, y] if {
	x := 1
	y := [x | some x in [2, 3]]
}
`);
    expect(ruleText(policy, 0)).toBe(
      'data.test.p := [__localp0__, __localp4__] if { __localp0__ = 1; __localp4__ = [__localp2__ | __localp1__ = [2, 3]; __localp1__[__localp3__] = __localp2__] }',
    );
  });

  test('some k, v in xs iterates the collection with both vars declared', () => {
    const policy = compile(`package test
p contains [k, v] if some k, v in input.m
`);
    expect(ruleText(policy, 0)).toBe(
      'data.test.p contains [__localp0__, __localp1__] if { input.m[__localp0__] = __localp1__ }',
    );
  });

  test('some f(x) in xs evaluates the call and tests membership (no var is declared by the call)', () => {
    const policy = compile(`package test
p if {
	some numbers.range(1, 2) in input.xs
}
`);
    expect(ruleText(policy, 0)).toBe(
      'data.test.p if { numbers.range(1, 2, __localp1__); input.xs[__localp0__] = __localp1__ }',
    );
  });

  test('an unused some var is a compile error, as in OPA', () => {
    expect(
      formatted(`package test
p if {
	some unused
	true
}
`),
    ).toEqual(['m0.rego:3:2: rego_compile_error: declared var unused unused']);
  });

  test('input and data cannot be shadowed', () => {
    expect(formatted('package test\np if {\n\tinput := 1\n}\n')).toEqual([
      'm0.rego:3:2: rego_compile_error: variables must not shadow input (use a different variable name)',
    ]);
  });
});
