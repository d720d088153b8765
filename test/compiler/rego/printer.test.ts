import {
  formatBody,
  formatExpr,
  formatModule,
  formatRule,
  formatTerm,
  parseModule,
  parseQuery,
  parseTerm,
} from '../../../services/compiler/rego/index.js';
import { withoutLocations } from './support.js';

describe('printer', () => {
  it('prints terms', () => {
    const cases: [string, string][] = [
      ['{"a": [1, -0.5, null, true], "b c": set()}', '{"a": [1, -0.5, null, true], "b c": set()}'],
      ['input.a["b c"][0][x]', 'input.a["b c"][0][x]'],
      ['input.in', 'input["in"]'],
      ['[x | x := input[_]]', '[x | x := input[_]]'],
      ['{k: v | some k, v in input}', '{k: v | some k, v in input}'],
      ['[(a + 1) | a := 1]', '[(a + 1) | a := 1]'],
      ['[f(x)[0], array.concat(a, b)]', '[f(x)[0], array.concat(a, b)]'],
      ['"é\\n"', '"é\\n"'],
    ];
    for (const [source, printed] of cases) expect(formatTerm(parseTerm(source))).toBe(printed);
  });

  it('prints infix operators with the parentheses precedence needs', () => {
    const cases: [string, string][] = [
      ['x := 1 + 2 * 3', 'x := 1 + 2 * 3'],
      ['x := (1 + 2) * 3', 'x := (1 + 2) * 3'],
      ['x := 1 - (2 - 3)', 'x := 1 - (2 - 3)'],
      ['x := 1 - 2 - 3', 'x := 1 - 2 - 3'],
      ['x := a | b & c', 'x := a | b & c'],
      ['x in xs', 'x in xs'],
      ['k, v in xs', 'k, v in xs'],
      ['f((k, v in xs))', 'f((k, v in xs))'],
      ['f([k, v in xs])', 'f([k, v in xs])'],
      ['not a == b with input as {}', 'not a == b with input as {}'],
      ['some k, v in input', 'some k, v in input'],
      ['some x, y', 'some x, y'],
      ['every x in xs { x > 1 }', 'every x in xs { x > 1 }'],
    ];
    for (const [source, printed] of cases) {
      const [expr] = parseQuery(source);
      expect(formatExpr(expr)).toBe(printed);
      expect(withoutLocations(parseQuery(printed))).toEqual(withoutLocations(parseQuery(source)));
    }
    expect(formatBody(parseQuery('x := 1; y := 2'))).toBe('x := 1; y := 2');
  });

  it('prints rules and modules in Rego v1 syntax', () => {
    const source = [
      'package a.b',
      '',
      'import data.x.y as z',
      '',
      'default allow := false',
      'allow if { input.user == "admin" }',
      'deny contains msg if { msg := "no" }',
      'p[k] := v if { some k, v in input }',
      'f(_) := 1',
      'choice := 1 if { false } else := 2 if { true } else := 3',
      'q := 7',
      '',
    ].join('\n');
    const m = parseModule(source, 'm.rego');
    expect(formatModule(m)).toBe(source.replace('f(_) := 1', 'f(_) := 1'));
    expect(formatRule(m.rules[1])).toBe('allow if { input.user == "admin" }');
  });
});
