/**
 * regex.match inside the compiled module (runtime builtins/regex.ts with the
 * compile-time table) against re2js, through the unmodified opa-wasm SDK:
 * constant patterns reached through rules, object rules and arrays answer
 * as re2js does without a host call; patterns from the input, and patterns
 * the table does not hold, still reach the host builtin, errors included.
 */
import { readFileSync } from 'node:fs';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { hostBuiltins } from '../../../../services/compiler/builtins/index.js';
import { compileRego } from '../../../../services/compiler/index.js';
import { compileRegexDfa } from '../../../../services/compiler/wasm/regex/table.js';
import { fuzzOptions } from '../../../support/fuzz.js';
import { ensureRuntime } from '../support.js';
import { GATEWAY_PATTERNS, patternArb, textArb } from './generators.js';

beforeAll(ensureRuntime, 120_000);

const re2 = (pattern: string, text: string): boolean => RE2JS.compile(pattern).test(text);

/** Host builtins that count the regex.match calls reaching them. */
function countingHost(strict = false): {
  builtins: Record<string, (...args: unknown[]) => unknown>;
  calls: () => number;
} {
  const builtins = hostBuiltins({ strict });
  let calls = 0;
  for (const name of ['regex.match', 're_match']) {
    const inner = builtins[name];
    builtins[name] = (...args: unknown[]) => {
      calls++;
      return inner(...args);
    };
  }
  return { builtins, calls: () => calls };
}

async function load(source: string, entrypoint: string, strict = false) {
  const compiled = compileRego([{ file: 'policy.rego', source }], { entrypoints: [entrypoint] });
  const host = countingHost(strict);
  const policy = await loadPolicy(compiled.wasm, undefined, host.builtins);
  return { policy, calls: host.calls };
}

const raw = (pattern: string): string => `\`${pattern}\``;

/** A policy matching every pattern against every input text, the patterns as a rule's constant array. */
function matrixPolicy(patterns: string[]): string {
  return [
    'package t',
    `patterns := [${patterns.map(raw).join(', ')}]`,
    'results := [[regex.match(p, t) | some t in input.texts] | some p in patterns]',
  ].join('\n');
}

describe('the gateway policy', () => {
  const source = readFileSync('policies/gateway/gateway.rego', 'utf8');
  const data = JSON.parse(readFileSync('policies/gateway/data.json', 'utf8')) as object;
  const request = (extra: object) => ({
    phase: 'request',
    identity: { sub: 'alice', groups: ['engineers'] },
    connection: { name: 'github' },
    request: {
      method: 'POST',
      path: '/repos/acme/api',
      query: {},
      headers: { accept: 'application/json' },
      body_status: 'empty',
      body_size: 0,
      ...extra,
    },
  });

  test('finds SQL and secrets without calling the host for regex.match', async () => {
    const { policy, calls } = await load(source, 'gateway/decision');
    policy.setData(data);
    const decide = (input: object) =>
      (policy.evaluate(input, 'gateway/decision') as Array<{ result: { reasons: string[] } }>)[0].result
        .reasons;
    const sql = decide(
      request({
        body_status: 'parsed',
        body_text: '{"q":"DROP TABLE users"}',
        body: { q: 'DROP TABLE users' },
        body_size: 24,
      }),
    );
    expect(sql).toContain('the body looks like destructive SQL');
    const aws = decide(request({ headers: { 'x-key': 'é AKIAABCDEFGHIJKLMNOP é' } }));
    expect(aws).toContain('the request carries an AWS access key');
    const slack = decide(request({ query: { t: ['xoxb-1234567890'] } }));
    expect(slack).toContain('the request carries a Slack token');
    const clean = decide(request({ headers: { 'x-key': 'AKIAABCDEFGHIJKLMNOPQ', other: 'ghp_short' } }));
    expect(clean.filter((r) => r.startsWith('the request carries'))).toEqual([]);
    expect(calls()).toBe(0);
  });
});

describe('constant patterns', () => {
  test('answer as re2js for the gateway patterns and generated texts, with no host call', async () => {
    const { policy, calls } = await load(matrixPolicy(GATEWAY_PATTERNS), 't/results');
    fc.assert(
      fc.property(fc.array(textArb, { minLength: 1, maxLength: 12 }), (texts) => {
        const got = (policy.evaluate({ texts }, 't/results') as Array<{ result: boolean[][] }>)[0].result;
        return (
          JSON.stringify(got) === JSON.stringify(GATEWAY_PATTERNS.map((p) => texts.map((t) => re2(p, t))))
        );
      }),
      fuzzOptions(100),
    );
    expect(calls()).toBe(0);
  });

  test('answer as re2js for generated patterns and texts; only patterns without a DFA reach the host', async () => {
    const validPattern = patternArb.filter((p) => {
      try {
        RE2JS.compile(p);
        return true;
      } catch {
        return false;
      }
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(validPattern, { minLength: 1, maxLength: 24 }),
        fc.array(textArb, { minLength: 1, maxLength: 8 }),
        async (patterns, texts) => {
          const { policy, calls } = await load(matrixPolicy(patterns), 't/results');
          const got = (policy.evaluate({ texts }, 't/results') as Array<{ result: boolean[][] }>)[0].result;
          expect(got).toEqual(patterns.map((p) => texts.map((t) => re2(p, t))));
          const hosted = patterns.filter(
            (p) => compileRegexDfa(p) === undefined && /[\\.+*?()|[\]{}^$]/.test(p),
          );
          expect(calls()).toBe(hosted.length * texts.length);
        },
      ),
      fuzzOptions(8),
    );
  }, 300_000);

  test('an object rule iterated with some name, pattern, and a literal pattern', async () => {
    const source = [
      'package t',
      'pats := {"a": `^\\d{3}$`, "b": `(?i)hello\\b`, "c": "plain text"}',
      'hits contains name if {',
      '  some name, pattern in pats',
      '  some text in input.texts',
      '  regex.match(pattern, text)',
      '}',
    ].join('\n');
    const { policy, calls } = await load(source, 't/hits');
    const hits = (texts: string[]) =>
      (policy.evaluate({ texts }, 't/hits') as Array<{ result: string[] }>)[0].result;
    expect(hits(['123'])).toEqual(['a']);
    expect(hits(['1234', 'HELLO there'])).toEqual(['b']);
    expect(hits(['helloworld', 'say plain text'])).toEqual(['c']);
    expect(hits(['', 'héllo'])).toEqual([]);
    expect(calls()).toBe(0);
  });
});

describe('left to the host', () => {
  test('patterns from the input', async () => {
    const { policy, calls } = await load('package t\nm := regex.match(input.p, input.s)', 't/m');
    const m = (p: string, s: string) =>
      (policy.evaluate({ p, s }, 't/m') as Array<{ result: boolean }>)[0].result;
    expect(m('^a.c$', 'abc')).toBe(true);
    expect(m('\\bb', 'ab')).toBe(false);
    expect(calls()).toBe(2);
    // A literal pattern needs no table: answered in the module.
    expect(m('needle', 'haystack with a needle')).toBe(true);
    expect(m('', '')).toBe(true);
    expect(calls()).toBe(2);
  });

  test('an invalid constant pattern fails as before, with the host builtin error', async () => {
    const { policy, calls } = await load('package t\nm := regex.match(`a(`, input.s)', 't/m', true);
    expect(() => policy.evaluate({ s: 'a' }, 't/m')).toThrow(
      /regex\.match: error parsing regexp: missing closing \)/,
    );
    expect(calls()).toBe(1);
  });

  test('operands that are not strings', async () => {
    const { policy, calls } = await load('package t\nm := regex.match(`a.`, input.s)', 't/m', true);
    expect(() => policy.evaluate({ s: 1 }, 't/m')).toThrow(
      /regex\.match: operand 2 must be string but got number/,
    );
    expect(calls()).toBe(1);
  });
});
