/** Builtins the runtime implements are called directly; the host is not asked for them. */
import { RUNTIME_NATIVES } from '../../../services/compiler/wasm/natives.js';
import { dumpValue, ensureRuntime, exportsOf, load, local, policy, resultBlock, st, str } from './support.js';

beforeAll(ensureRuntime, 120_000);

test('plus and count run natively, next to a host builtin', async () => {
  expect(RUNTIME_NATIVES.plus?.arity).toBe(2);
  expect(RUNTIME_NATIVES.count?.arity).toBe(1);
  const ir = policy({
    strings: ['result', 'a', 'b', 'xs'],
    builtins: ['plus', 'count', 'custom.neg'],
    plans: [
      {
        name: 'test/p',
        blocks: [
          resultBlock(
            0,
            8,
            9,
            st('DotStmt', { source: local(0), key: str(1), target: 2 }),
            st('DotStmt', { source: local(0), key: str(2), target: 3 }),
            st('DotStmt', { source: local(0), key: str(3), target: 4 }),
            st('CallStmt', { func: 'count', args: [local(4)], result: 5 }),
            st('CallStmt', { func: 'plus', args: [local(2), local(3)], result: 6 }),
            st('CallStmt', { func: 'plus', args: [local(6), local(5)], result: 7 }),
            st('CallStmt', { func: 'custom.neg', args: [local(7)], result: 8 }),
          ),
        ],
      },
    ],
  });
  const hostCalls: string[] = [];
  const p = await load(ir, {
    'custom.neg': (x: unknown) => {
      hostCalls.push('custom.neg');
      return -(x as number);
    },
  });
  const x = exportsOf(p) as Record<string, () => number>;
  // Only the host builtin is listed, with its index among the declared builtins.
  expect(dumpValue(p, x.builtins())).toEqual({ 'custom.neg': 2 });
  expect(p.evaluate({ a: 1, b: 2.5, xs: [1, 2, 3] })).toEqual([{ result: -6.5 }]);
  expect(hostCalls).toEqual(['custom.neg']);
  // A native's undefined result (plus of a string) makes the plan undefined.
  expect(p.evaluate({ a: 'x', b: 1, xs: [] })).toEqual([]);
});
