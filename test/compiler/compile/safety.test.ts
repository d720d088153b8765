import { compile, formatted, ruleText } from './helpers.js';

describe('CheckSafety', () => {
  test('bodies are reordered so vars are bound before they are read', () => {
    const policy = compile(`package test
p := x if {
	x > 1
	x = y + 1
	y = input.n
}
`);
    expect(ruleText(policy, 0)).toBe(
      'data.test.p := x if { y = input.n; plus(y, 1, __localp0__); x = __localp0__; x > 1 }',
    );
  });

  test('negated expressions wait until their vars are bound', () => {
    const policy = compile(`package test
p if {
	not x == 2
	x = input.x
}
`);
    expect(ruleText(policy, 0)).toBe('data.test.p if { x = input.x; not x == 2 }');
  });

  test('vars that nothing binds are unsafe, reported with their location', () => {
    expect(
      formatted(`package test
p if {
	x > 1
}
`),
    ).toEqual(['m0.rego:3:2: rego_unsafe_var_error: var x is unsafe']);
  });

  test('head vars must be bound by the body', () => {
    expect(
      formatted(`package test
p contains y if {
	x := 1
}
`),
    ).toEqual(['m0.rego:2:1: rego_unsafe_var_error: var y is unsafe']);
  });

  test('comprehension bodies see outer vars bound before them and bind their own', () => {
    const policy = compile(`package test
p := ys if {
	ys := [y | some y in xs; y > n]
	n = 1
	xs = input.xs
}
`);
    expect(ruleText(policy, 0)).toBe(
      'data.test.p := __localp2__ if { n = 1; xs = input.xs; __localp2__ = [__localp0__ | xs[__localp1__] = __localp0__; __localp0__ > n] }',
    );
  });

  test('a := var cannot be used before its declaration, even inside a closure', () => {
    expect(
      formatted(`package test
p := ys if {
	ys := [y | some y in input.xs; y > n]
	n := 1
}
`),
    ).toEqual(['m0.rego:3:33: rego_unsafe_var_error: var n is unsafe']);
  });

  test('unsafe vars inside comprehensions are reported', () => {
    expect(
      formatted(`package test
p := [x | x > 1]
`),
    ).toEqual(['m0.rego:2:11: rego_unsafe_var_error: var x is unsafe']);
  });

  test('iteration vars in refs are outputs, even when used as call arguments', () => {
    const policy = compile(`package test
p := i if {
	i == input.xs[i]
}
`);
    expect(ruleText(policy, 0)).toBe('data.test.p := i if { __localp0__ = input.xs[i]; i == __localp0__ }');
  });
});
