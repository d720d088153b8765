/**
 * Each IR statement kind lowered, loaded with the real SDK and evaluated.
 * String 0 is always "result"; the plan reports one local as the result.
 */
import type { Stmt } from '../../../services/compiler/plan/ir.js';
import { block, bool, ensureRuntime, load, local, singlePlan, st, str } from './support.js';

beforeAll(ensureRuntime, 120_000);

interface Case {
  name: string;
  strings?: string[];
  stmts: Stmt[];
  value: number;
  input?: unknown;
  data?: unknown;
  /** The expected result, or undefined when the plan must be undefined. */
  want: unknown;
}

const dot = (source: number, key: number, target: number): Stmt =>
  st('DotStmt', { source: local(source), key: str(key), target });
const t = (target: number): Stmt => st('AssignVarStmt', { source: bool(true), target });

const cases: Case[] = [
  { name: 'MakeNullStmt', stmts: [st('MakeNullStmt', { target: 2 })], value: 2, want: null },
  {
    name: 'MakeNumberIntStmt',
    stmts: [st('MakeNumberIntStmt', { value: -7, target: 2 })],
    value: 2,
    want: -7,
  },
  {
    name: 'MakeNumberIntStmt beyond 32 bits',
    stmts: [st('MakeNumberIntStmt', { value: 2 ** 40 + 3, target: 2 })],
    value: 2,
    want: 2 ** 40 + 3,
  },
  {
    name: 'MakeNumberRefStmt',
    strings: ['result', '3.25e2'],
    stmts: [st('MakeNumberRefStmt', { Index: 1, target: 2 })],
    value: 2,
    want: 325,
  },
  { name: 'AssignIntStmt', stmts: [st('AssignIntStmt', { value: 12, target: 2 })], value: 2, want: 12 },
  {
    name: 'AssignVarStmt from a string constant',
    strings: ['result', 'hello'],
    stmts: [st('AssignVarStmt', { source: str(1), target: 2 })],
    value: 2,
    want: 'hello',
  },
  {
    name: 'AssignVarStmt from a non-ASCII string constant',
    strings: ['result', 'grüße ✓ 日本'],
    stmts: [st('AssignVarStmt', { source: str(1), target: 2 })],
    value: 2,
    want: 'grüße ✓ 日本',
  },
  {
    name: 'EqualStmt of a non-ASCII input with a constant',
    strings: ['result', 'x', 'grüße'],
    stmts: [dot(0, 1, 2), st('EqualStmt', { a: local(2), b: str(2) }), t(3)],
    value: 3,
    input: { x: 'grüße' },
    want: true,
  },
  {
    name: 'AssignVarStmt from a local',
    strings: ['result', 'x'],
    stmts: [dot(0, 1, 2), st('AssignVarStmt', { source: local(2), target: 3 })],
    value: 3,
    input: { x: [1] },
    want: [1],
  },
  {
    name: 'MakeArrayStmt and ArrayAppendStmt',
    strings: ['result', 'a'],
    stmts: [
      st('MakeArrayStmt', { capacity: 1, target: 2 }),
      st('MakeNumberIntStmt', { value: 1, target: 3 }),
      st('ArrayAppendStmt', { value: local(3), array: 2 }),
      st('ArrayAppendStmt', { value: str(1), array: 2 }),
      st('ArrayAppendStmt', { value: bool(false), array: 2 }),
    ],
    value: 2,
    want: [1, 'a', false],
  },
  {
    name: 'MakeObjectStmt and ObjectInsertStmt (last insert wins)',
    strings: ['result', 'k'],
    stmts: [
      st('MakeObjectStmt', { target: 2 }),
      st('ObjectInsertStmt', { key: str(1), value: bool(false), object: 2 }),
      st('ObjectInsertStmt', { key: str(1), value: bool(true), object: 2 }),
    ],
    value: 2,
    want: { k: true },
  },
  {
    name: 'ObjectInsertOnceStmt with an equal value',
    strings: ['result', 'k'],
    stmts: [
      st('MakeObjectStmt', { target: 2 }),
      st('ObjectInsertOnceStmt', { key: str(1), value: bool(true), object: 2 }),
      st('ObjectInsertOnceStmt', { key: str(1), value: bool(true), object: 2 }),
    ],
    value: 2,
    want: { k: true },
  },
  {
    name: 'MakeSetStmt and SetAddStmt',
    strings: ['result', 'b', 'a'],
    stmts: [
      st('MakeSetStmt', { target: 2 }),
      st('SetAddStmt', { value: str(1), set: 2 }),
      st('SetAddStmt', { value: str(2), set: 2 }),
      st('SetAddStmt', { value: str(1), set: 2 }),
    ],
    value: 2,
    want: ['a', 'b'],
  },
  {
    name: 'ObjectMergeStmt',
    strings: ['result', 'a', 'b'],
    stmts: [dot(0, 1, 2), dot(0, 2, 3), st('ObjectMergeStmt', { a: 2, b: 3, target: 4 })],
    value: 4,
    input: { a: { x: { y: 1 }, z: 1 }, b: { x: { w: 2 }, z: 2, v: 3 } },
    want: { x: { y: 1, w: 2 }, z: 1, v: 3 },
  },
  {
    name: 'LenStmt',
    strings: ['result', 'xs'],
    stmts: [dot(0, 1, 2), st('LenStmt', { source: local(2), target: 3 })],
    value: 3,
    input: { xs: [5, 6, 7] },
    want: 3,
  },
  {
    name: 'DotStmt on data',
    strings: ['result', 'roles', 'admin'],
    stmts: [dot(1, 1, 2), dot(2, 2, 3)],
    value: 3,
    data: { roles: { admin: ['alice'] } },
    want: ['alice'],
  },
  {
    name: 'DotStmt on a missing key is undefined',
    strings: ['result', 'x'],
    stmts: [dot(0, 1, 2)],
    value: 2,
    input: { y: 1 },
    want: undefined,
  },
  {
    name: 'DotStmt on a constant is undefined',
    strings: ['result', 'x'],
    stmts: [st('DotStmt', { source: str(1), key: str(1), target: 2 })],
    value: 2,
    want: undefined,
  },
  {
    name: 'EqualStmt true',
    strings: ['result', 'x', 'admin'],
    stmts: [dot(0, 1, 2), st('EqualStmt', { a: local(2), b: str(2) }), t(3)],
    value: 3,
    input: { x: 'admin' },
    want: true,
  },
  {
    name: 'EqualStmt false',
    strings: ['result', 'x', 'admin'],
    stmts: [dot(0, 1, 2), st('EqualStmt', { a: local(2), b: str(2) }), t(3)],
    value: 3,
    input: { x: 'guest' },
    want: undefined,
  },
  {
    name: 'EqualStmt compares numbers by value',
    strings: ['result', 'x', '1.0'],
    stmts: [
      dot(0, 1, 2),
      st('MakeNumberRefStmt', { Index: 2, target: 4 }),
      st('EqualStmt', { a: local(2), b: local(4) }),
      t(3),
    ],
    value: 3,
    input: { x: 1 },
    want: true,
  },
  {
    name: 'NotEqualStmt true',
    strings: ['result', 'x', 'admin'],
    stmts: [dot(0, 1, 2), st('NotEqualStmt', { a: local(2), b: str(2) }), t(3)],
    value: 3,
    input: { x: 'guest' },
    want: true,
  },
  {
    name: 'NotEqualStmt false',
    strings: ['result', 'x', 'admin'],
    stmts: [dot(0, 1, 2), st('NotEqualStmt', { a: local(2), b: str(2) }), t(3)],
    value: 3,
    input: { x: 'admin' },
    want: undefined,
  },
  {
    name: 'EqualStmt of two different string constants',
    strings: ['result', 'a', 'b'],
    stmts: [st('EqualStmt', { a: str(1), b: str(2) }), t(3)],
    value: 3,
    want: undefined,
  },
  {
    name: 'EqualStmt of one string stored twice in the table',
    strings: ['result', 'a', 'a'],
    stmts: [st('EqualStmt', { a: str(1), b: str(2) }), t(3)],
    value: 3,
    want: true,
  },
  {
    name: 'NotEqualStmt of one string stored twice in the table',
    strings: ['result', 'a', 'a'],
    stmts: [st('NotEqualStmt', { a: str(1), b: str(2) }), t(3)],
    value: 3,
    want: undefined,
  },
  {
    name: 'NotEqualStmt of a string and a boolean constant',
    strings: ['result', 'true'],
    stmts: [st('NotEqualStmt', { a: str(1), b: bool(true) }), t(3)],
    value: 3,
    want: true,
  },
  {
    name: 'NotEqualStmt of one operand with itself',
    stmts: [t(2), st('NotEqualStmt', { a: local(2), b: local(2) }), t(3)],
    value: 3,
    want: undefined,
  },
  ...(
    [
      ['IsArrayStmt', [1], true],
      ['IsArrayStmt', { a: 1 }, false],
      ['IsObjectStmt', { a: 1 }, true],
      ['IsObjectStmt', 'a', false],
    ] as const
  ).map(([type, x, ok]): Case => ({
    name: `${type} on ${JSON.stringify(x)}`,
    strings: ['result', 'x'],
    stmts: [dot(0, 1, 2), st(type, { source: local(2) }), t(3)],
    value: 3,
    input: { x },
    want: ok ? true : undefined,
  })),
  {
    name: 'IsSetStmt on a set',
    stmts: [st('MakeSetStmt', { target: 2 }), st('IsSetStmt', { source: local(2) }), t(3)],
    value: 3,
    want: true,
  },
  {
    name: 'IsSetStmt on an array',
    stmts: [st('MakeArrayStmt', { capacity: 0, target: 2 }), st('IsSetStmt', { source: local(2) }), t(3)],
    value: 3,
    want: undefined,
  },
  {
    name: 'IsDefinedStmt on a defined local',
    stmts: [t(2), st('IsDefinedStmt', { source: 2 }), t(3)],
    value: 3,
    want: true,
  },
  {
    name: 'IsDefinedStmt on an undefined local',
    stmts: [st('IsDefinedStmt', { source: 2 }), t(3)],
    value: 3,
    want: undefined,
  },
  {
    name: 'IsUndefinedStmt after ResetLocalStmt',
    stmts: [t(2), st('ResetLocalStmt', { target: 2 }), st('IsUndefinedStmt', { source: 2 }), t(3)],
    value: 3,
    want: true,
  },
  {
    name: 'IsUndefinedStmt on a defined local',
    stmts: [t(2), st('IsUndefinedStmt', { source: 2 }), t(3)],
    value: 3,
    want: undefined,
  },
  {
    name: 'ScanStmt over an array collects the keys',
    strings: ['result', 'xs'],
    stmts: [
      dot(0, 1, 2),
      st('MakeSetStmt', { target: 3 }),
      st('BlockStmt', {
        blocks: [
          block(
            st('ScanStmt', {
              source: 2,
              key: 4,
              value: 5,
              block: block(st('SetAddStmt', { value: local(4), set: 3 })),
            }),
          ),
        ],
      }),
    ],
    value: 3,
    input: { xs: ['a', 'b', 'c'] },
    want: [0, 1, 2],
  },
  {
    name: 'ScanStmt over an object skips elements whose body is undefined',
    strings: ['result', 'users', 'admin'],
    stmts: [
      dot(0, 1, 2),
      st('MakeSetStmt', { target: 3 }),
      st('BlockStmt', {
        blocks: [
          block(
            st('ScanStmt', {
              source: 2,
              key: 4,
              value: 5,
              block: block(
                st('EqualStmt', { a: local(5), b: str(2) }),
                st('SetAddStmt', { value: local(4), set: 3 }),
              ),
            }),
          ),
        ],
      }),
    ],
    value: 3,
    input: { users: { alice: 'admin', bob: 'guest', carol: 'admin' } },
    want: ['alice', 'carol'],
  },
  {
    name: 'ScanStmt over a scalar runs no iteration',
    strings: ['result', 'xs'],
    stmts: [
      dot(0, 1, 2),
      st('MakeSetStmt', { target: 3 }),
      st('ScanStmt', {
        source: 2,
        key: 4,
        value: 5,
        block: block(st('SetAddStmt', { value: local(5), set: 3 })),
      }),
    ],
    value: 3,
    input: { xs: 'abc' },
    want: [],
  },
  {
    name: 'NotStmt whose block is undefined',
    strings: ['result', 'x', 'admin'],
    stmts: [dot(0, 1, 2), st('NotStmt', { block: block(st('EqualStmt', { a: local(2), b: str(2) })) }), t(3)],
    value: 3,
    input: { x: 'guest' },
    want: true,
  },
  {
    name: 'NotStmt whose block is defined',
    strings: ['result', 'x', 'admin'],
    stmts: [dot(0, 1, 2), st('NotStmt', { block: block(st('EqualStmt', { a: local(2), b: str(2) })) }), t(3)],
    value: 3,
    input: { x: 'admin' },
    want: undefined,
  },
  {
    name: 'BlockStmt runs its blocks in order; an undefined block does not stop the next',
    strings: ['result', 'missing', 'first', 'second'],
    stmts: [
      st('MakeArrayStmt', { capacity: 2, target: 2 }),
      st('BlockStmt', {
        blocks: [
          block(dot(0, 1, 5), st('ArrayAppendStmt', { value: str(2), array: 2 })),
          block(st('ArrayAppendStmt', { value: str(3), array: 2 })),
        ],
      }),
    ],
    value: 2,
    want: ['second'],
  },
  {
    name: 'BreakStmt 0 leaves the current block only',
    strings: ['result', 'a', 'b'],
    stmts: [
      st('MakeArrayStmt', { capacity: 2, target: 2 }),
      st('BlockStmt', {
        blocks: [block(st('BreakStmt', { index: 0 }), st('ArrayAppendStmt', { value: str(1), array: 2 }))],
      }),
      st('ArrayAppendStmt', { value: str(2), array: 2 }),
    ],
    value: 2,
    want: ['b'],
  },
  {
    name: 'BreakStmt 1 leaves the enclosing block too',
    strings: ['result', 'a', 'b'],
    stmts: [
      st('MakeArrayStmt', { capacity: 2, target: 2 }),
      st('BlockStmt', {
        blocks: [
          block(
            st('BlockStmt', { blocks: [block(st('BreakStmt', { index: 1 }))] }),
            st('ArrayAppendStmt', { value: str(1), array: 2 }),
          ),
        ],
      }),
      st('ArrayAppendStmt', { value: str(2), array: 2 }),
    ],
    value: 2,
    want: ['b'],
  },
  { name: 'NopStmt', stmts: [st('NopStmt', {}), t(2)], value: 2, want: true },
];

describe.each(cases)('$name', ({ strings, stmts, value, input, data, want }) => {
  test('evaluates as expected', async () => {
    const p = await load(singlePlan(strings ?? ['result'], stmts, value));
    if (data !== undefined) p.setData(data as object);
    const rs = p.evaluate(input ?? {}, 'test/p');
    expect(rs).toEqual(want === undefined ? [] : [{ result: want }]);
  });
});
