/** Conflicts abort evaluation with OPA's `file:row:col: ...` text, which the SDK throws. */
import {
  block,
  bool,
  ensureRuntime,
  load,
  local,
  policy,
  resultBlock,
  st,
  stAt,
  str,
  thrown,
} from './support.js';

beforeAll(ensureRuntime, 120_000);

const files = ['unused.rego', 'policy.rego'];

describe('AssignVarOnceStmt', () => {
  // Two rule bodies assign input.a and input.b to the same complete rule value.
  const ir = policy({
    strings: ['result', 'a', 'b'],
    files,
    plans: [
      {
        name: 'test/p',
        blocks: [
          resultBlock(
            0,
            2,
            5,
            st('BlockStmt', {
              blocks: [
                block(
                  st('DotStmt', { source: local(0), key: str(1), target: 3 }),
                  stAt('AssignVarOnceStmt', { source: local(3), target: 2 }, { file: 1, row: 6, col: 1 }),
                ),
                block(
                  st('DotStmt', { source: local(0), key: str(2), target: 4 }),
                  stAt('AssignVarOnceStmt', { source: local(4), target: 2 }, { file: 1, row: 9, col: 3 }),
                ),
              ],
            }),
          ),
        ],
      },
    ],
  });

  test('different values abort with the second assignment location', async () => {
    const p = await load(ir);
    expect(thrown(() => p.evaluate({ a: 1, b: 2 }))).toBe('policy.rego:9:3: var assignment conflict');
  });

  test('equal values do not conflict', async () => {
    const p = await load(ir);
    expect(p.evaluate({ a: { x: [1] }, b: { x: [1] } })).toEqual([{ result: { x: [1] } }]);
    expect(p.evaluate({ b: 2 })).toEqual([{ result: 2 }]);
  });

  test('the policy evaluates normally after an abort', async () => {
    const p = await load(ir);
    thrown(() => p.evaluate({ a: 1, b: 2 }));
    expect(p.evaluate({ a: 1 })).toEqual([{ result: 1 }]);
  });
});

describe('ObjectInsertOnceStmt', () => {
  const ir = policy({
    strings: ['result', 'k', 'a', 'b'],
    files,
    plans: [
      {
        name: 'test/p',
        blocks: [
          resultBlock(
            0,
            2,
            5,
            st('MakeObjectStmt', { target: 2 }),
            st('DotStmt', { source: local(0), key: str(2), target: 3 }),
            st('DotStmt', { source: local(0), key: str(3), target: 4 }),
            stAt(
              'ObjectInsertOnceStmt',
              { key: str(1), value: local(3), object: 2 },
              { file: 1, row: 3, col: 1 },
            ),
            stAt(
              'ObjectInsertOnceStmt',
              { key: str(1), value: local(4), object: 2 },
              { file: 1, row: 4, col: 5 },
            ),
            st('ObjectInsertOnceStmt', { key: str(2), value: bool(true), object: 2 }),
          ),
        ],
      },
    ],
  });

  test('a different value for an existing key aborts', async () => {
    const p = await load(ir);
    expect(thrown(() => p.evaluate({ a: 'x', b: 'y' }))).toBe('policy.rego:4:5: object insert conflict');
  });

  test('the same value for an existing key is fine', async () => {
    const p = await load(ir);
    expect(p.evaluate({ a: 'x', b: 'x' })).toEqual([{ result: { k: 'x', a: true } }]);
  });
});
