/** CallStmt (planned functions, host builtins), CallDynamicStmt and WithStmt. */
import type { Func } from '../../../services/compiler/plan/ir.js';
import {
  block,
  bool,
  dumpValue,
  ensureRuntime,
  exportsOf,
  load,
  local,
  policy,
  resultBlock,
  singlePlan,
  st,
  str,
} from './support.js';

beforeAll(ensureRuntime, 120_000);

/** `g0.data.test.role := input.user.role` (undefined without it). */
const roleRule: Func = {
  name: 'g0.data.test.role',
  path: ['g0', 'test', 'role'],
  params: [0, 1],
  return: 2,
  blocks: [
    block(
      st('DotStmt', { source: local(0), key: str(1), target: 3 }),
      st('DotStmt', { source: local(3), key: str(2), target: 4 }),
      st('AssignVarOnceStmt', { source: local(4), target: 2 }),
    ),
    block(st('ReturnLocalStmt', { source: 2 })),
  ],
};

/** `g0.data.test.pick(x) := x.name`: a user function with a third parameter. */
const pickFunc: Func = {
  name: 'g0.data.test.pick',
  path: ['g0', 'test', 'pick'],
  params: [0, 1, 2],
  return: 3,
  blocks: [
    block(
      st('DotStmt', { source: local(2), key: str(3), target: 4 }),
      st('AssignVarStmt', { source: local(4), target: 3 }),
    ),
    block(st('ReturnLocalStmt', { source: 3 })),
  ],
};

const strings = ['result', 'user', 'role', 'name', 'x'];

describe('CallStmt to a planned function', () => {
  const ir = singlePlan(
    strings,
    [st('CallStmt', { func: 'g0.data.test.role', args: [local(0), local(1)], result: 2 })],
    2,
    [roleRule],
  );

  test('returns its value', async () => {
    const p = await load(ir);
    expect(p.evaluate({ user: { role: 'admin' } })).toEqual([{ result: 'admin' }]);
  });

  test('an undefined return makes the caller undefined', async () => {
    const p = await load(ir);
    expect(p.evaluate({ user: {} })).toEqual([]);
  });

  test('passes extra arguments', async () => {
    const p = await load(
      singlePlan(
        strings,
        [
          st('DotStmt', { source: local(0), key: str(4), target: 5 }),
          st('CallStmt', { func: 'g0.data.test.pick', args: [local(0), local(1), local(5)], result: 2 }),
        ],
        2,
        [pickFunc],
      ),
    );
    expect(p.evaluate({ x: { name: 'n' } })).toEqual([{ result: 'n' }]);
    expect(p.evaluate({ x: {} })).toEqual([]);
  });
});

describe('host builtins through opa_builtinN', () => {
  const ir = policy({
    strings: ['result', 'a', 'b'],
    builtins: ['custom.join', 'custom.nothing'],
    plans: [
      {
        name: 'test/p',
        blocks: [
          resultBlock(
            0,
            4,
            5,
            st('DotStmt', { source: local(0), key: str(1), target: 2 }),
            st('DotStmt', { source: local(0), key: str(2), target: 3 }),
            st('CallStmt', { func: 'custom.join', args: [local(2), local(3)], result: 4 }),
          ),
        ],
      },
      {
        name: 'test/undefined',
        blocks: [resultBlock(0, 4, 5, st('CallStmt', { func: 'custom.nothing', args: [], result: 4 }))],
      },
    ],
  });

  test('builtins() lists them by id and the SDK calls the custom implementation', async () => {
    const calls: unknown[][] = [];
    const p = await load(ir, {
      'custom.join': (a: unknown, b: unknown) => {
        calls.push([a, b]);
        return `${String(a)}+${String(b)}`;
      },
      'custom.nothing': () => undefined,
    });
    const x = exportsOf(p) as Record<string, () => number>;
    expect(dumpValue(p, x.builtins())).toEqual({ 'custom.join': 0, 'custom.nothing': 1 });
    expect(p.evaluate({ a: 'x', b: 'y' }, 'test/p')).toEqual([{ result: 'x+y' }]);
    expect(calls).toEqual([['x', 'y']]);
    // A builtin returning undefined makes the statement undefined.
    expect(p.evaluate({}, 'test/undefined')).toEqual([]);
  });
});

describe('CallDynamicStmt', () => {
  const rule = (name: string, value: number): Func => ({
    name: `g0.data.test.${name}`,
    path: ['g0', 'test', name],
    params: [0, 1],
    return: 2,
    blocks: [
      block(
        st('DotStmt', { source: local(0), key: str(6), target: 3 }),
        st('MakeNumberIntStmt', { value, target: 4 }),
        st('AssignVarOnceStmt', { source: local(4), target: 2 }),
      ),
      block(st('ReturnLocalStmt', { source: 2 })),
    ],
  });
  // As OPA plans `data.test[input.which]`: try the rules, else fall back to data.
  const ir = policy({
    strings: ['result', 'which', 'g0', 'test', 'fallback', 'a', 'enabled'],
    funcs: [rule('a', 1), rule('b', 2)],
    plans: [
      {
        name: 'test/p',
        blocks: [
          resultBlock(
            0,
            6,
            7,
            st('DotStmt', { source: local(0), key: str(1), target: 5 }),
            st('BlockStmt', {
              blocks: [
                block(
                  st('BlockStmt', {
                    blocks: [
                      block(
                        st('CallDynamicStmt', { args: [0, 1], path: [str(2), str(3), local(5)], result: 6 }),
                        st('BreakStmt', { index: 1 }),
                      ),
                      block(
                        st('DotStmt', { source: local(1), key: str(3), target: 8 }),
                        st('DotStmt', { source: local(8), key: str(4), target: 6 }),
                        st('BreakStmt', { index: 1 }),
                      ),
                    ],
                  }),
                  st('BreakStmt', { index: 1 }),
                ),
              ],
            }),
          ),
        ],
      },
    ],
  });

  test('calls the rule named by the run-time path', async () => {
    const p = await load(ir);
    expect(p.evaluate({ which: 'a', enabled: true })).toEqual([{ result: 1 }]);
    expect(p.evaluate({ which: 'b', enabled: true })).toEqual([{ result: 2 }]);
  });

  test('a rule that is undefined makes the whole lookup undefined', async () => {
    const p = await load(ir);
    expect(p.evaluate({ which: 'a' })).toEqual([]);
  });

  test('no matching rule falls through to the next block', async () => {
    const p = await load(ir);
    p.setData({ test: { fallback: 'from data' } });
    expect(p.evaluate({ which: 'zzz' })).toEqual([{ result: 'from data' }]);
    expect(p.evaluate({ which: 7 })).toEqual([{ result: 'from data' }]);
  });
});

describe('WithStmt', () => {
  // with input.user.role as "root": call the rule inside, then read input again after.
  const ir = policy({
    strings: ['result', 'user', 'role', 'root', 'inside', 'after'],
    funcs: [roleRule],
    plans: [
      {
        name: 'test/p',
        blocks: [
          block(
            st('MakeObjectStmt', { target: 9 }),
            st('WithStmt', {
              local: 0,
              path: [1, 2],
              value: str(3),
              block: block(
                st('CallStmt', { func: 'g0.data.test.role', args: [local(0), local(1)], result: 2 }),
              ),
            }),
            st('ObjectInsertStmt', { key: str(4), value: local(2), object: 9 }),
            st('BlockStmt', {
              blocks: [
                block(
                  st('CallStmt', { func: 'g0.data.test.role', args: [local(0), local(1)], result: 3 }),
                  st('ObjectInsertStmt', { key: str(5), value: local(3), object: 9 }),
                ),
              ],
            }),
            st('MakeObjectStmt', { target: 10 }),
            st('ObjectInsertStmt', { key: str(0), value: local(9), object: 10 }),
            st('ResultSetAddStmt', { value: 10 }),
          ),
        ],
      },
    ],
  });

  test('replaces the document inside the block and restores it after', async () => {
    const p = await load(ir);
    expect(p.evaluate({ user: { role: 'guest', id: 1 } })).toEqual([
      { result: { inside: 'root', after: 'guest' } },
    ]);
  });

  test('creates the missing path on an input without it', async () => {
    const p = await load(ir);
    expect(p.evaluate({})).toEqual([{ result: { inside: 'root' } }]);
    expect(p.evaluate(undefined)).toEqual([{ result: { inside: 'root' } }]);
  });

  test('an empty path replaces the whole document; an undefined block makes the statement undefined', async () => {
    const whole = singlePlan(
      ['result', 'x'],
      [
        st('WithStmt', {
          local: 0,
          path: [],
          value: bool(true),
          block: block(
            st('EqualStmt', { a: local(0), b: bool(true) }),
            st('AssignVarStmt', { source: str(1), target: 2 }),
          ),
        }),
      ],
      2,
    );
    const p = await load(whole);
    expect(p.evaluate({ any: 1 })).toEqual([{ result: 'x' }]);

    const failing = singlePlan(
      ['result', 'x'],
      [
        st('AssignVarStmt', { source: str(1), target: 2 }),
        st('WithStmt', {
          local: 0,
          path: [],
          value: bool(false),
          block: block(st('EqualStmt', { a: local(0), b: bool(true) })),
        }),
      ],
      2,
    );
    const q = await load(failing);
    expect(q.evaluate({})).toEqual([]);
  });
});

describe('memoisation of rules', () => {
  // g0.data.test.tick := custom.tick(input.n): the host counts its calls.
  const tick: Func = {
    name: 'g0.data.test.tick',
    path: ['g0', 'test', 'tick'],
    params: [0, 1],
    return: 2,
    blocks: [
      block(
        st('DotStmt', { source: local(0), key: str(1), target: 3 }),
        st('CallStmt', { func: 'custom.tick', args: [local(3)], result: 4 }),
        st('AssignVarOnceStmt', { source: local(4), target: 2 }),
      ),
      block(st('ReturnLocalStmt', { source: 2 })),
    ],
  };
  const callTick = (result: number): ReturnType<typeof st> =>
    st('CallStmt', { func: 'g0.data.test.tick', args: [local(0), local(1)], result });
  const ir = policy({
    strings: ['result', 'n', 'first', 'second', 'with', 'third'],
    builtins: ['custom.tick'],
    funcs: [tick],
    plans: [
      {
        name: 'test/p',
        blocks: [
          block(
            st('MakeObjectStmt', { target: 9 }),
            callTick(2),
            st('ObjectInsertStmt', { key: str(2), value: local(2), object: 9 }),
            callTick(3),
            st('ObjectInsertStmt', { key: str(3), value: local(3), object: 9 }),
            st('MakeNumberIntStmt', { value: 100, target: 7 }),
            st('WithStmt', { local: 0, path: [1], value: local(7), block: block(callTick(4)) }),
            st('ObjectInsertStmt', { key: str(4), value: local(4), object: 9 }),
            callTick(5),
            st('ObjectInsertStmt', { key: str(5), value: local(5), object: 9 }),
            st('MakeObjectStmt', { target: 10 }),
            st('ObjectInsertStmt', { key: str(0), value: local(9), object: 10 }),
            st('ResultSetAddStmt', { value: 10 }),
          ),
        ],
      },
    ],
  });

  test('a rule runs once per evaluation, again under with, and the outer result survives the with', async () => {
    const seen: unknown[] = [];
    const p = await load(ir, {
      'custom.tick': (n: unknown) => {
        seen.push(n);
        return `n=${String(n)}`;
      },
    });
    expect(p.evaluate({ n: 1 })).toEqual([
      { result: { first: 'n=1', second: 'n=1', with: 'n=100', third: 'n=1' } },
    ]);
    expect(seen).toEqual([1, 100]);
    // A new evaluation starts with an empty memo table.
    expect(p.evaluate({ n: 2 })).toEqual([
      { result: { first: 'n=2', second: 'n=2', with: 'n=100', third: 'n=2' } },
    ]);
    expect(seen).toEqual([1, 100, 2, 100]);
  });
});
