/**
 * Random and mutated input must only ever give a Module or a
 * RegoCompileError: never another exception, never a hang.
 */

import fc from 'fast-check';
import { RegoCompileError } from '../../../services/compiler/errors.js';
import { formatModule, parseModule, parseQuery } from '../../../services/compiler/rego/index.js';
import type { Module } from '../../../services/compiler/rego/ast.js';
import { canonical, withoutLocations } from './support.js';

const SEED_MODULE = `package fuzz.example

import data.lib.helpers as h
import input.request

default allow := false

allow if {
	some role in input.user.roles
	role == "admin"
	not deny
}

deny contains msg if {
	input.amount > 1e3 * 2
	msg := sprintf("too much: %v", [input.amount])
}

limits[name] := v if {
	some name, v in {"a": 1, "b": -0.5}
}

a.b.c[x] := y if { x := "k"; y := [z | z := input.xs[_]; z % 2 == 0] }

f(x, _) := x + 1 if x != null
f(_, y) := y

choice := 1 if { false } else := 2 if { input.x } else := 3

every_ok if {
	every k, v in input.m { k != v }
	count({x | x := input.s[_]}) >= 1 with input.s as {1, 2}
	raw := \`a\\b\` ; s := "\\u00e9\\n"
	obj := {k: v | some k, v in input.o}
	set() == set()
}
`;

/** Tokens and fragments that often break parsers. */
const FRAGMENTS = [
  'package',
  'import',
  'if',
  'else',
  'contains',
  'every',
  'some',
  'in',
  'not',
  'with',
  'as',
  'default',
  ':=',
  '=',
  '==',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ',',
  ';',
  '.',
  '|',
  '&',
  '-',
  '"',
  '`',
  '\\u',
  '#',
  '\n',
  ' ',
  '_',
  'x',
  '1e999999',
  '0.',
  '\u0000',
  '\uFEFF',
  '😀',
  '\ud800',
];

function onlyModuleOrParseError(source: string): void {
  let m: Module;
  try {
    m = parseModule(source, 'fuzz.rego');
  } catch (err) {
    if (!(err instanceof RegoCompileError)) throw err;
    expect(err.errors.length).toBeGreaterThan(0);
    for (const e of err.errors) {
      expect(e.code).toBe('rego_parse_error');
      expect(e.location?.file).toBe('fuzz.rego');
    }
    return;
  }
  // Whatever parses prints back to Rego that parses to the same AST.
  expect(canonical(parseModule(formatModule(m), 'fuzz.rego'))).toBe(canonical(m));
}

describe('parser fuzzing', () => {
  it('parses the seed module and round-trips it through the printer', () => {
    const parsed = parseModule(SEED_MODULE, 'seed.rego');
    const again = parseModule(formatModule(parsed), 'seed.rego');
    expect(withoutLocations(again)).toEqual(withoutLocations(parsed));
  });

  it('survives random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
        onlyModuleOrParseError(text);
        onlyModuleOrParseError(`package p\n${text}`);
      }),
      { numRuns: 300, seed: 4242 },
    );
  });

  it('survives random token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }), (parts) => {
        onlyModuleOrParseError(`package p\n${parts.join(' ')}`);
        onlyModuleOrParseError(`package p\n${parts.join('')}`);
        try {
          parseQuery(parts.join(' '));
        } catch (err) {
          if (!(err instanceof RegoCompileError)) throw err;
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('survives mutations of a valid module', () => {
    const mutation = fc.record({
      at: fc.nat({ max: SEED_MODULE.length }),
      cut: fc.nat({ max: 12 }),
      insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let text = SEED_MODULE;
        for (const { at, cut, insert } of mutations) {
          const i = Math.min(at, text.length);
          text = text.slice(0, i) + insert + text.slice(i + cut);
        }
        // Backtracking must stay bounded: an exponential parse of a mutated module would hang here
        // until Jest's timeout (nothing is timed, so a loaded machine cannot fail it).
        onlyModuleOrParseError(text);
      }),
      { numRuns: 300, seed: 99 },
    );
  });

  // 40 levels: exponential backtracking would take about 2^40 steps (hours) and hang until Jest's
  // timeout; a linear parse takes milliseconds. Nothing is timed.
  it('keeps backtracking linear on nested composites', () => {
    const n = 40;
    const sources = [
      `[`.repeat(n) + '_' + '] + 1'.repeat(n),
      '{'.repeat(n) + '_' + '} | 1'.repeat(n),
      '{_: '.repeat(n) + '_' + ' + 1}'.repeat(n),
      '('.repeat(n) + '_' + ' + 1)'.repeat(n),
      '[x | x := '.repeat(n) + '_' + ']'.repeat(n),
      '{1: '.repeat(n) + '_' + ' + 1'.repeat(n),
      '[_ | '.repeat(n) + '_',
      '{, _ | '.repeat(n) + '_',
    ];
    for (const value of sources) onlyModuleOrParseError(`package p\np := ${value}`);
  });
});
