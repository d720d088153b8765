/**
 * Generation speed and module size: a policy of 200 rules must compile well
 * under a second, and a small policy must stay below OPA's smallest module
 * (about 139 KB).
 */
import type { Func, Policy, Stmt } from '../../../services/compiler/plan/ir.js';
import { generateWasm } from '../../../services/compiler/wasm/index.js';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { ensureRuntime, load, local, policy, resultBlock, st, str } from './support.js';

beforeAll(ensureRuntime, 120_000);

/** Rule i: `r<i> if input.role == "role<i>"`, and a plan that collects every rule into an object. */
function manyRules(count: number): Policy {
  const strings = ['result', 'role'];
  const funcs: Func[] = [];
  const collect: Stmt[] = [st('MakeObjectStmt', { target: 2 })];
  for (let i = 0; i < count; i++) {
    const name = strings.push(`r${i}`) - 1;
    const role = strings.push(`role${i}`) - 1;
    funcs.push({
      name: `g0.data.test.r${i}`,
      path: ['g0', 'test', `r${i}`],
      params: [0, 1],
      return: 2,
      blocks: [
        {
          stmts: [
            st('DotStmt', { source: local(0), key: str(1), target: 3 }),
            st('EqualStmt', { a: local(3), b: str(role) }),
            st('AssignVarOnceStmt', { source: { type: 'bool', value: true }, target: 2 }),
          ],
        },
        { stmts: [st('ReturnLocalStmt', { source: 2 })] },
      ],
    });
    collect.push(
      st('BlockStmt', {
        blocks: [
          {
            stmts: [
              st('CallStmt', { func: `g0.data.test.r${i}`, args: [local(0), local(1)], result: 3 }),
              st('ObjectInsertStmt', { key: str(name), value: local(3), object: 2 }),
            ],
          },
        ],
      }),
    );
  }
  return policy({
    strings,
    funcs,
    plans: [{ name: 'test/all', blocks: [resultBlock(0, 2, 4, ...collect)] }],
  });
}

// Compile time is measured by `npm run bench -- eval`, not asserted here.
test('200 rules compile and evaluate', async () => {
  const ir = manyRules(200);

  const p = await load(ir);
  expect(p.evaluate({ role: 'role17' }, 'test/all')).toEqual([{ result: { r17: true } }]);
  expect(p.evaluate({ role: 'nobody' }, 'test/all')).toEqual([{ result: {} }]);
});

test('a small policy stays well below 139 KB', () => {
  const bytes = generateWasm(manyRules(1));
  expect(bytes.length).toBeLessThan(139 * 1024);
  // Unused runtime code is dropped: pruning makes the module smaller.
  expect(bytes.length).toBeLessThan(generateWasm(manyRules(1), { optimize: false }).length);
});

test('binaryen levels still optimise the generated functions, to a smaller module that evaluates alike', async () => {
  const ir = manyRules(20);
  const pruned = generateWasm(ir);
  const optimised = generateWasm(ir, { optimize: { optimize: 2, shrink: 1 } });
  expect(optimised.length).toBeLessThan(pruned.length);
  // Pruning alone keeps the module within a few percent of the optimised one.
  expect(pruned.length).toBeLessThan(optimised.length * 1.15);
  for (const bytes of [pruned, optimised]) {
    const p = await loadPolicy(bytes);
    expect(p.evaluate({ role: 'role7' }, 'test/all')).toEqual([{ result: { r7: true } }]);
  }
});
