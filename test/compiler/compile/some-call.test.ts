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

describe('a call inside the pattern of some … in', () => {
  test('an array element is evaluated and compared, the other vars declared', async () => {
    expect(await run('p := [a | some [a, f(1)] in [[1, 2], [3, 4], [5, 2]]]')).toEqual([{ x: [1, 5] }]);
    expect(await run('p := [a | some [a, f(3)] in [[1, 2], [3, 4]]]')).toEqual([{ x: [] }]);
  });

  test('a builtin call nested in an object value, beside a declared var', async () => {
    expect(
      await run('p := [n | some {"n": n, "len": count("ab")} in input.xs]', {
        xs: [
          { n: 'a', len: 2 },
          { n: 'b', len: 3 },
        ],
      }),
    ).toEqual([{ x: ['a'] }]);
  });

  test('the value of a key-value some, with the call deeper in an array', async () => {
    expect(
      await run('p := {k | some k, [f(1), v] in {"a": [2, 1], "b": [3, 1], "c": [2, 9]}; v == 1}'),
    ).toEqual([{ x: ['a'] }]);
  });
});
