/**
 * glob.match compiled from Rego runs in the module, through the unmodified
 * opa-wasm SDK: the host is asked only for what the native leaves to it
 * (syntax it does not read, errors), and then answers as before.
 */
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../../services/compiler/builtins/index.js';
import { compileRego } from '../../../services/compiler/index.js';
import { readPolicySources } from '../../../services/compiler/project.js';
import { SAMPLE_INPUT } from '../../../bench/lib/sample-input.js';
import { ensureRuntime } from './support.js';

beforeAll(ensureRuntime, 120_000);

interface Loaded {
  evaluate(input: unknown): unknown[];
  hostCalls: unknown[][];
}

async function load(source: string, query: string, strict = false): Promise<Loaded> {
  const compiled = compileRego([{ file: 'policy.rego', source }], { query });
  const builtins = hostBuiltins({ strict });
  const hostCalls: unknown[][] = [];
  const hostGlob = builtins['glob.match'];
  builtins['glob.match'] = (...args: unknown[]) => {
    hostCalls.push(args);
    return hostGlob(...args);
  };
  const policy = await loadPolicy(compiled.wasm, undefined, builtins);
  return {
    evaluate: (input) => policy.evaluate(input, compiled.entrypoints[0]) as unknown[],
    hostCalls,
  };
}

const MATCH = 'package test\n\np := glob.match(input.pattern, input.delimiters, input.value)\n';

test('patterns from input are matched in the module, with no host call', async () => {
  const p = await load(MATCH, 'x := data.test.p');
  const cases: [string, unknown, string, boolean][] = [
    ['/repos/*/*/issues', ['/'], '/repos/acme/widgets/issues', true],
    ['/repos/*/*/issues', ['/'], '/repos/acme/widgets/x/issues', false],
    ['/repos/**', ['/'], '/repos/acme/widgets/pulls/1', true],
    ['*.github.com', [], 'api.github.com', true],
    ['*.github.com', [], 'api.cdn.github.com', false],
    ['*hub.com', null, 'api.cdn.github.com', true],
    ['{cat,[br]at}', [], 'rat', true],
    ['é?', ['/'], 'é😀', true],
  ];
  for (const [pattern, delimiters, value, want] of cases) {
    expect(p.evaluate({ pattern, delimiters, value })).toEqual([{ x: want }]);
  }
  expect(p.hostCalls).toEqual([]);
});

test('a pattern the native does not read is answered by the host, as before', async () => {
  const p = await load(MATCH, 'x := data.test.p');
  // The host reads `[]a[b]` as RE2 reads `^[]a[b]$`: one class holding `]`, `a`, `[` and `b`.
  expect(p.evaluate({ pattern: '[]a[b]', delimiters: [], value: 'a' })).toEqual([{ x: true }]);
  expect(p.hostCalls).toEqual([['[]a[b]', [], 'a']]);
});

test('errors are the host’s: undefined by default, raised under strict builtin errors', async () => {
  const lenient = await load(MATCH, 'x := data.test.p');
  expect(lenient.evaluate({ pattern: '[abc', delimiters: [], value: 'a' })).toEqual([]);
  expect(lenient.evaluate({ pattern: 'a*', delimiters: ['ab'], value: 'a' })).toEqual([]);
  expect(lenient.hostCalls).toHaveLength(2);

  const strict = await load(MATCH, 'x := data.test.p', true);
  expect(() => strict.evaluate({ pattern: '[abc', delimiters: [], value: 'a' })).toThrow(
    'glob.match: unexpected end of input',
  );
  expect(() => strict.evaluate({ pattern: 'a*', delimiters: ['ab'], value: 'a' })).toThrow(
    /glob\.match: .*rune/,
  );
});

test('the gateway policy decides without calling the host for glob.match', async () => {
  const sources = readPolicySources(['policies']);
  const compiled = compileRego(sources.rego, { entrypoints: ['gateway/decision'] });
  expect(compiled.policy.static.builtin_funcs?.map((b) => b.name)).toContain('glob.match');
  const builtins = hostBuiltins();
  const calls: string[] = [];
  for (const [name, fn] of Object.entries(builtins)) {
    builtins[name] = (...args: unknown[]) => {
      calls.push(name);
      return fn(...args);
    };
  }
  const policy = await loadPolicy(compiled.wasm, undefined, builtins);
  policy.setData(sources.data);
  const answer = policy.evaluate(SAMPLE_INPUT, 'gateway/decision') as { result: { allow: boolean } }[];
  expect(answer[0].result.allow).toBe(true);
  const denied = { ...SAMPLE_INPUT, request: { ...SAMPLE_INPUT.request, method: 'DELETE' } };
  const refused = policy.evaluate(denied, 'gateway/decision') as { result: { allow: boolean } }[];
  expect(refused[0].result.allow).toBe(false);
  expect(calls.filter((name) => name === 'glob.match')).toEqual([]);
});
