/**
 * `some f(y) in xs`: a call as the element of a membership `some` is
 * evaluated and its value tested for membership, as OPA does; the call
 * declares nothing (f is the package's function, y is read). Through the
 * whole pipeline and the real SDK.
 */
import { loadQuery } from '../builtins/support/policy.js';

const run = async (body: string, input: unknown = {}) => {
  const q = await loadQuery(`package test\n\nf(x) := x * 2\n\n${body}\n`, 'x := data.test.p', {
    strict: true,
  });
  return q.evaluate(input);
};

describe('some f(y) in xs', () => {
  test('a call to a package function, with a literal argument', async () => {
    expect(await run('p if { some f(2) in [4, 5] }')).toEqual([{ x: true }]);
    expect(await run('p if { some f(3) in [4, 5] }')).toEqual([]);
  });

  test('a call whose argument is bound earlier', async () => {
    expect(await run('p := [y | some y in [1, 2, 3]; some f(y) in input.xs]', { xs: [4, 6] })).toEqual([
      { x: [2, 3] },
    ]);
  });

  test('a builtin call', async () => {
    expect(await run('p := [y | some y in [-1, 2, -3]; some abs(y) in {1, 3}]')).toEqual([{ x: [-1, -3] }]);
  });

  test('the value of a key-value some', async () => {
    expect(await run('p := [k | some k, f(1) in {"a": 2, "b": 3}]')).toEqual([{ x: ['a'] }]);
  });
});
