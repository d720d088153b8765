/**
 * `a == b` and the other comparisons in a rule body are lowered to one test
 * (no boolean made) when nothing else reads their result; as values
 * (`x := a < b`) they stay builtin calls. Both must agree with OPA's order
 * over values of every type: null < booleans < numbers < strings < arrays
 * < objects < sets.
 */
import { isDeepStrictEqual } from 'node:util';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../../services/compiler/builtins/index.js';
import { compileRego } from '../../../services/compiler/index.js';
import { ensureRuntime } from './support.js';

beforeAll(ensureRuntime, 120_000);

const OPS = { lt: '<', lte: '<=', gt: '>', gte: '>=', eq: '==', neq: '!=' } as const;

const SOURCE = [
  'package cmp',
  '',
  ...Object.entries(OPS).flatMap(([name, op]) => [
    `default is_${name} := false`,
    `is_${name} if input.a ${op} input.b`,
  ]),
  // The same comparisons as values: their booleans are read, so they stay calls.
  `as_values := {${Object.entries(OPS)
    .map(([name, op]) => `"${name}": input.a ${op} input.b`)
    .join(', ')}}`,
  `in_bodies := {${Object.keys(OPS)
    .map((name) => `"${name}": is_${name}`)
    .join(', ')}}`,
].join('\n');

/** Values in OPA's order, ascending; equal neighbours are grouped. */
const ORDERED: unknown[][] = [
  [null],
  [false],
  [true],
  [-1],
  [1, 1.0],
  [2.5],
  [''],
  ['a'],
  ['b'],
  [[]],
  [[1]],
  [[1, 2]],
  [[2]],
  [{}],
  [{ a: 1 }],
  [{ a: 2 }],
  [{ b: 0 }],
];

function expected(i: number, j: number): Record<keyof typeof OPS, boolean> {
  return { lt: i < j, lte: i <= j, gt: i > j, gte: i >= j, eq: i === j, neq: i !== j };
}

test('comparisons in bodies and as values agree with OPA order, across types', async () => {
  const out = compileRego([{ file: 'cmp.rego', source: SOURCE }], {
    entrypoints: ['cmp/in_bodies', 'cmp/as_values'],
  });
  const policy = await loadPolicy(out.wasm, undefined, hostBuiltins());
  const failures: string[] = [];
  ORDERED.forEach((group, i) =>
    ORDERED.forEach((other, j) => {
      for (const a of group) {
        for (const b of other) {
          const input = { a, b };
          const want = expected(i, j);
          const bodies = (policy.evaluate(input, 'cmp/in_bodies') as { result: unknown }[])[0]?.result;
          const values = (policy.evaluate(input, 'cmp/as_values') as { result: unknown }[])[0]?.result;
          const pair = `${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
          if (!isDeepStrictEqual(bodies, want)) failures.push(`${pair} in bodies: ${JSON.stringify(bodies)}`);
          if (!isDeepStrictEqual(values, want)) failures.push(`${pair} as values: ${JSON.stringify(values)}`);
        }
      }
    }),
  );
  expect(failures).toEqual([]);
});
