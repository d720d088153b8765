/**
 * The runtime's glob.match (opa_glob_match) against the host builtin
 * (services/compiler/builtins/glob.ts), which is what a policy got before the
 * native existed. Where the native answers, it must answer as the host does;
 * where it leaves the call to the host (HOST_FALLBACK), the host's answer,
 * error included, stands unchanged.
 */
import fc from 'fast-check';
import '../../../../services/compiler/builtins/glob.js';
import { callBuiltin } from '../../../../services/compiler/builtins/registry.js';
import { NATIVE_BUILTINS } from '../../../../services/compiler/wasm/runtime/natives.js';
import { fuzzOptions, fuzzTimeout } from '../../../support/fuzz.js';
import { loadRuntime, type Runtime } from './harness.js';

const HOST_FALLBACK = 1;

let rt: Runtime;

beforeAll(async () => {
  rt = await loadRuntime();
}, 120_000);

type Outcome = { value: boolean } | { error: string };
type NativeOutcome = { value: boolean } | 'host' | 'undefined';

/** The host builtin, given its arguments as the SDK gives them: dumped by the module, parsed by JSON.parse. */
function host(pattern: unknown, delimiters: unknown, value: unknown): Outcome {
  const mark = rt.x.opa_heap_ptr_get() as number;
  const args = [pattern, delimiters, value].map(
    (a) => JSON.parse(rt.json(rt.parse(JSON.stringify(a)))) as unknown,
  );
  rt.x.opa_heap_ptr_set(mark);
  try {
    return { value: callBuiltin('glob.match', args) as boolean };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function native(pattern: unknown, delimiters: unknown, value: unknown): NativeOutcome {
  const mark = rt.x.opa_heap_ptr_get() as number;
  try {
    const args = [pattern, delimiters, value].map((a) => rt.parse(JSON.stringify(a)));
    const result = rt.x[NATIVE_BUILTINS['glob.match'].fn](...args) as number;
    if (result === HOST_FALLBACK) return 'host';
    if (result === 0) return 'undefined';
    return { value: JSON.parse(rt.json(result)) as boolean };
  } finally {
    rt.x.opa_heap_ptr_set(mark);
  }
}

/** What a policy sees: the native's answer, or the host's where the native leaves it. */
function combined(pattern: unknown, delimiters: unknown, value: unknown): Outcome {
  const n = native(pattern, delimiters, value);
  if (n === 'undefined') throw new Error('the native never answers undefined: errors are the host’s');
  return n === 'host' ? host(pattern, delimiters, value) : n;
}

describe('glob.match in the runtime', () => {
  const decided: [string, unknown, string, boolean][] = [
    ['*.github.com', [], 'api.github.com', true],
    ['*.github.com', [], 'api.cdn.github.com', false],
    ['*hub.com', null, 'api.cdn.github.com', true],
    ['*:github:com', [':'], 'api:github:com', true],
    ['api.**.com', [], 'api.github.com', true],
    ['api.**.com', [], 'api.cdn.github.com', true],
    ['?at', ['/'], 'cat', true],
    ['?at', ['/'], '/at', false],
    ['?at', null, '/at', true],
    ['[ch]at', [], 'hat', true],
    ['[!ch]at', [], 'bat', true],
    ['[!ch]at', [], 'cat', false],
    ['[a-c]at', [], 'bat', true],
    ['[!a-c]at', [], 'bat', false],
    // A negated class takes a delimiter, as gobwas's does.
    ['a[!b]c', ['/'], 'a/c', true],
    ['{cat,bat,[fr]at}', [], 'rat', true],
    ['{cat,bat,[fr]at}', [], 'mat', false],
    ['{a,{b,c}d}', [], 'cd', true],
    ['{}x', [], 'x', true],
    ['{a,}x', [], 'x', true],
    ['\\*', [], '*', true],
    ['\\*', [], 'a', false],
    ['a,b}c]', [], 'a,b}c]', true],
    ['/repos/*/*/issues', ['/'], '/repos/acme/widgets/issues', true],
    ['/repos/*/*/issues', ['/'], '/repos/acme/widgets/pulls', false],
    ['/repos/**', ['/'], '/repos/acme/widgets/pulls/1', true],
    ['/**', ['/'], '/', true],
    ['', [], '', true],
    ['', [], 'a', false],
    ['*', [], '', true],
    ['?', ['/'], 'é', true],
    ['?', ['/'], '😀', true],
    ['??', ['/'], '😀', false],
    ['*', ['é'], 'aéb', false],
    ['[é-ü]', [], 'ö', true],
    ['a*b', ['.', ':'], 'a.b', false],
    ['a*b', ['.', ':'], 'axxb', true],
    // Newlines are ordinary code points.
    ['a?b', [], 'a\nb', true],
    ['a[!x]b', [], 'a\nb', true],
    ['a*', [], 'a\n', true],
    ['abc', [], 'abc\n', false],
  ];

  it.each(decided)('glob.match(%j, %j, %j) = %j natively', (pattern, delimiters, value, want) => {
    expect(native(pattern, delimiters, value)).toEqual({ value: want });
    expect(host(pattern, delimiters, value)).toEqual({ value: want });
  });

  // Errors, type errors and what RE2 would read otherwise are the host's to answer.
  const leftToHost: [string, unknown, unknown, unknown][] = [
    ['unclosed class', '[abc', [], 'a'],
    ['unclosed alternatives', '{a,b', [], 'a'],
    ['escape at the end', 'a\\', [], 'a'],
    ['empty class', '[]a]', [], 'a'],
    ['empty negated class', '[!]', [], 'a'],
    ['reversed range', '[z-a]', [], 'a'],
    ['POSIX class name', '[[:alpha:]]', [], 'a'],
    ['delimiters RE2 reads as a POSIX class', 'a*', ['[', ':'], 'a'],
    ['multi-character delimiter', 'a*', ['ab'], 'a'],
    ['empty delimiter', 'a*', [''], 'a'],
    ['non-string delimiter', 'a*', [1], 'a'],
    ['delimiters of another type', 'a*', '/', 'a'],
    ['a number pattern', 1, [], 'a'],
    ['a number to match', 'a', [], 1],
    ['deep nesting', `${'{'.repeat(100)}a${'}'.repeat(100)}`, [], 'a'],
  ];

  it.each(leftToHost)('leaves it to the host: %s', (_, pattern, delimiters, value) => {
    expect(native(pattern, delimiters, value)).toBe('host');
  });

  it('answers patterns of any length (past the scratch memory, from the heap)', () => {
    const long = `${'a/'.repeat(3000)}*`;
    expect(native(long, ['/'], `${'a/'.repeat(3000)}b`)).toEqual({ value: true });
    expect(native(long, ['/'], `${'a/'.repeat(3000)}b/c`)).toEqual({ value: false });
  });

  it('is linear on patterns that make a backtracking matcher exponential', () => {
    const as = 'a'.repeat(20_000);
    expect(native('*a*a*a*a*a*a*a*a*a*a*a*a*b', [], as)).toEqual({ value: false });
    expect(native('{a,a}{a,a}{a,a}{a,a}{a,a}*b', null, as)).toEqual({ value: false });
    expect(native(`${'{a,a}'.repeat(60)}*b`, null, as)).toEqual({ value: false });
  });
});

/** Characters that mean something to a glob, to the RE2 translation, or to neither, ASCII or not. */
const PATTERN_CHARS = [
  'a',
  'b',
  'c',
  '/',
  '.',
  ':',
  '-',
  '!',
  '^',
  ',',
  '}',
  ']',
  'é',
  '😀',
  '\n',
  ' ',
  '$',
  '\u0000',
  '*',
  '*',
  '?',
  '[',
  '{',
  '\\',
];
const INPUT_CHARS = ['a', 'b', 'c', '/', '.', ':', '-', 'é', '😀', '\n', '\u0000', '*', ',', ']', ''];

/** A piece of a pattern and a string it is likely to match. */
type Piece = [pattern: string, sample: string];

const join = (pieces: Piece[]): Piece => [pieces.map((p) => p[0]).join(''), pieces.map((p) => p[1]).join('')];

const CLASS_ITEMS = [
  'a',
  'b',
  'c',
  '/',
  '.',
  'é',
  '😀',
  '\\',
  '-',
  '!',
  '^',
  '{',
  ',',
  '[',
  ':',
  'a-c',
  'a-a',
  '.-:',
  'à-ÿ',
  '-/',
];

/**
 * Well-formed patterns, each with a string built to match it (unless a delimiter or a negated
 * class is in the way), so that most cases reach the native matcher and many of them match.
 */
const wellFormed: fc.Arbitrary<Piece> = fc.letrec<{ seq: Piece; item: Piece }>((tie) => ({
  seq: fc.array(tie('item'), { maxLength: 6 }).map(join),
  item: fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom('a', 'b', '/', '.', ':', 'é', '😀', '-', ',', '}').map((c): Piece => [c, c]),
    },
    {
      weight: 3,
      arbitrary: fc.oneof(
        fc.tuple(fc.constant('*'), fc.constantFrom('', 'a', 'ab', 'é😀', 'a/b')),
        fc.tuple(fc.constant('**'), fc.constantFrom('', 'a', 'a/b', '.:', 'x/y/z')),
        fc.tuple(fc.constant('?'), fc.constantFrom('a', 'é', '😀', '/', '')),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...PATTERN_CHARS).map((c): Piece => [`\\${c}`, c]),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.boolean(),
          fc.array(fc.constantFrom(...CLASS_ITEMS), { minLength: 1, maxLength: 3 }),
          fc.nat(),
        )
        .map(([negated, body, pick]): Piece => {
          const item = Array.from(body[pick % body.length]);
          return [`[${negated ? '!' : ''}${body.join('')}]`, negated ? 'z' : item[0]];
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.array(tie('seq'), { minLength: 1, maxLength: 3 }), fc.nat())
        .map(([alternatives, pick]): Piece => [
          `{${alternatives.map((a) => a[0]).join(',')}}`,
          alternatives[pick % alternatives.length][1],
        ]),
    },
  ),
})).seq;

const anyPattern: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 4, arbitrary: wellFormed },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom(...PATTERN_CHARS), { maxLength: 10 })
      .map((cs): Piece => [cs.join(''), cs.join('')]),
  },
);

const delimiters: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, [], ['/'], ['.', ':'], ['é'], ['😀', '/'], ['ab'], ['/', '..'], ['-'], ['\n']),
  fc.array(fc.constantFrom('/', '.', ':', 'a', '-', '[', ']', '^', '\\', 'é', '\u0000'), { maxLength: 3 }),
);

const input = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(fc.constantFrom(...INPUT_CHARS), { maxLength: 10 }).map((cs) => cs.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

describe('glob.match: native against host', () => {
  it(
    'answers as the host on generated patterns, delimiters and strings',
    () => {
      const seen = { true: 0, false: 0, host: 0 };
      fc.assert(
        fc.property(anyPattern, delimiters, fc.array(input, { maxLength: 3 }), ([p, sample], d, values) => {
          for (const v of [sample, ...values]) {
            const n = native(p, d, v);
            if (n === 'host') seen.host++;
            else if (n !== 'undefined') seen[n.value ? 'true' : 'false']++;
            expect([p, d, v, combined(p, d, v)]).toEqual([p, d, v, host(p, d, v)]);
          }
        }),
        fuzzOptions(3000),
      );
      // The property is about the native matcher: most cases must reach it, with both answers.
      const total = seen.true + seen.false + seen.host;
      expect(seen.true).toBeGreaterThan(total / 10);
      expect(seen.false).toBeGreaterThan(total / 5);
      expect(seen.host).toBeLessThan(total / 3);
    },
    fuzzTimeout(),
  );
});
