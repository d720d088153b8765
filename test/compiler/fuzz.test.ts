/**
 * Mutated policies through the whole compiler (parse, compile, plan, and
 * for some, wasm): the only outcomes are a result or a RegoCompileError —
 * never another exception, never a module that fails to load.
 */
import fc from 'fast-check';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../services/compiler/builtins/index.js';
import { RegoCompileError } from '../../services/compiler/errors.js';
import { compileRego } from '../../services/compiler/index.js';

const SEED = `package fuzz

import data.roles

default allow := false

allow if {
	some role in roles[input.user]
	role == "admin"
	not deny
}

deny contains msg if {
	input.amount > 1000
	msg := sprintf("too much: %v", [input.amount])
}

limits[name] := v if {
	some name, v in {"a": 1, "b": -0.5}
}

f(x) := x + 1 if x != null

total := sum([x | some x in input.xs; x > 0])

every_positive if every x in input.xs { x > 0 }

pick := 1 if { input.a } else := 2
`;

const FRAGMENTS = [
  ' ',
  '\n',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ':=',
  '=',
  '==',
  'if',
  'not',
  'some',
  'in',
  'every',
  'x',
  '_',
  '"s"',
  '1',
  'input.',
  'data.',
  'contains',
  'else',
  'with',
  'as',
  ';',
  ',',
  '|',
  '&',
];

function outcome(source: string, planOnly: boolean): 'ok' | 'error' {
  try {
    compileRego([{ file: 'fuzz.rego', source }], { entrypoints: ['fuzz/allow'], planOnly });
    return 'ok';
  } catch (err) {
    if (err instanceof RegoCompileError) return 'error';
    throw err;
  }
}

describe('compiler fuzz', () => {
  const mutation = fc.record({
    at: fc.nat({ max: SEED.length }),
    cut: fc.nat({ max: 10 }),
    insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 3 })),
  });
  const mutate = (mutations: { at: number; cut: number; insert: string }[]) =>
    mutations.reduce((text, { at, cut, insert }) => {
      const i = Math.min(at, text.length);
      return text.slice(0, i) + insert + text.slice(i + cut);
    }, SEED);

  it('the seed policy compiles', () => {
    expect(outcome(SEED, false)).toBe('ok');
  });

  it('mutated policies plan or fail with RegoCompileError only', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        expect(['ok', 'error']).toContain(outcome(mutate(mutations), true));
      }),
      { numRuns: 300, seed: 4242 },
    );
  });

  it('mutated policies that compile to wasm load in the SDK and evaluate or abort cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 2 }), async (mutations) => {
        let wasm: Uint8Array;
        try {
          wasm = compileRego([{ file: 'fuzz.rego', source: mutate(mutations) }], {
            entrypoints: ['fuzz/allow'],
          }).wasm;
        } catch (err) {
          if (err instanceof RegoCompileError) return;
          throw err;
        }
        const policy = await loadPolicy(wasm, undefined, hostBuiltins());
        policy.setData({ roles: { ada: ['admin'] } });
        try {
          const result = policy.evaluate({ user: 'ada', amount: 5, xs: [1, 2], a: true }, 'fuzz/allow');
          expect(Array.isArray(result)).toBe(true);
        } catch (err) {
          // An abort surfaces as the SDK's thrown string (a conflict, with its location).
          expect(typeof err === 'string' ? err : (err as Error).message).toMatch(/conflict|error/);
        }
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
