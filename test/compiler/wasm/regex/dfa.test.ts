/**
 * The compile-time regex DFAs (services/compiler/wasm/regex) against re2js,
 * the host builtin's engine: for the gateway's patterns and for generated
 * patterns and texts, the DFA run over the text's UTF-8 bytes answers as
 * `RE2JS.compile(p).test(s)` does. Patterns the matcher does not support
 * have no DFA (the host answers them), and the tests check that the ones
 * that should be supported are.
 */
import fc from 'fast-check';
import { RE2JS } from 're2js';
import {
  buildRegexTable,
  compileRegexDfa,
  dfaMatches,
  isLiteralPattern,
} from '../../../../services/compiler/wasm/regex/table.js';
import { fuzzOptions } from '../../../support/fuzz.js';
import { GATEWAY_PATTERNS, patternArb, textArb } from './generators.js';

const host = (pattern: string, text: string): boolean => RE2JS.compile(pattern).test(text);

describe('gateway patterns', () => {
  test.each(GATEWAY_PATTERNS)('%s has a DFA', (pattern) => {
    expect(compileRegexDfa(pattern)).toBeDefined();
  });

  const texts = [
    '',
    'DROP TABLE users;',
    'drop table users',
    'please drop  table if exists "a"."b" now',
    'truncate t',
    'delete from x',
    'delete from x;',
    'delete from x where',
    'alter table a drop column',
    'xdrop table t',
    'key AKIAABCDEFGHIJKLMNOP end',
    'AKIAABCDEFGHIJKLMNOP',
    'AKIAABCDEFGHIJKLMNOPQ',
    'xAKIAABCDEFGHIJKLMNOP',
    'é AKIAABCDEFGHIJKLMNOP é',
    '-----BEGIN RSA PRIVATE KEY-----',
    '-----BEGIN PRIVATE KEY-----',
    `ghp_${'a'.repeat(36)}`,
    `ghp_${'a'.repeat(35)}`,
    `ghp_${'a'.repeat(40)}é`,
    `_ghp_${'a'.repeat(40)}`,
    'xoxb-1234567890',
    'xoxb-123456789',
    'token:xoxp-abcdefghij-',
  ];
  test('answer as re2js on hand-picked texts', () => {
    for (const pattern of GATEWAY_PATTERNS) {
      const dfa = compileRegexDfa(pattern);
      for (const text of texts)
        expect({ pattern, text, m: dfaMatches(dfa!, text) }).toEqual({
          pattern,
          text,
          m: host(pattern, text),
        });
    }
  });

  test('answer as re2js on generated texts', () => {
    const dfas = GATEWAY_PATTERNS.map((p) => [p, compileRegexDfa(p)!] as const);
    fc.assert(
      fc.property(textArb, (text) => {
        for (const [pattern, dfa] of dfas) if (dfaMatches(dfa, text) !== host(pattern, text)) return false;
        return true;
      }),
      fuzzOptions(300),
    );
  });
});

describe('generated patterns', () => {
  test('a DFA, where there is one, answers as re2js', () => {
    let supported = 0;
    let total = 0;
    fc.assert(
      fc.property(patternArb, fc.array(textArb, { minLength: 1, maxLength: 8 }), (pattern, texts) => {
        total++;
        const dfa = compileRegexDfa(pattern);
        if (!dfa) return true;
        supported++;
        return texts.every((text) => dfaMatches(dfa, text) === host(pattern, text));
      }),
      fuzzOptions(400),
    );
    // Most generated patterns are valid and supported: the property is not vacuous.
    expect(supported).toBeGreaterThan(total / 2);
  });
});

describe('what is left to the host', () => {
  test.each(['(', 'a**', '[z-a]', 'x{1001}', '\\p{Greek}', '(?i)é', '[[:alpha:]]', '\\Qa\\E', 'a{,3}'])(
    '%s has no DFA',
    (pattern) => {
      expect(compileRegexDfa(pattern)).toBeUndefined();
    },
  );

  test('literal patterns are recognised', () => {
    expect(isLiteralPattern('hello world, é')).toBe(true);
    expect(isLiteralPattern('')).toBe(true);
    for (const meta of '\\.+*?()|[]{}^$') expect(isLiteralPattern(`a${meta}`)).toBe(false);
  });
});

describe('the build budget', () => {
  test.each(['\\w{1000}x', 'x{1000}', '(a|b)*a(a|b){15}', '.{1000}'])(
    '%s (valid in Go, costly as a DFA) is left to the host',
    (pattern) => {
      expect(() => RE2JS.compile(pattern)).not.toThrow();
      expect(compileRegexDfa(pattern)).toBeUndefined();
    },
  );
});

describe('the table', () => {
  test('holds the constants that are supported patterns, once each, within the budget', () => {
    const constants = ['plain', 'a(', '\\p{Greek}', GATEWAY_PATTERNS[0], 'x.y', 'x.y', GATEWAY_PATTERNS[1]];
    expect(buildRegexTable(constants).patterns).toEqual([GATEWAY_PATTERNS[0], 'x.y', GATEWAY_PATTERNS[1]]);
    // The SQL pattern's DFA alone is larger than this budget; the small ones after it still fit.
    expect(buildRegexTable(constants, 4096).patterns).toEqual(['x.y', GATEWAY_PATTERNS[1]]);
  });
});
