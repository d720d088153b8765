import { RegoCompileError, formatRegoError } from '../../../services/compiler/errors.js';
import { parseModule, parseQuery, parseTerm } from '../../../services/compiler/rego/index.js';

/** Every error `parseModule` reports for a module, as `file:row:col: code: message` lines. */
function errorsOf(source: string): string[] {
  try {
    parseModule(source, 'policy.rego');
  } catch (err) {
    if (err instanceof RegoCompileError) return err.errors.map(formatRegoError);
    throw err;
  }
  throw new Error(`module parsed:\n${source}`);
}

describe('parse errors', () => {
  const cases: [string, string, string[]][] = [
    [
      'v0 body without if',
      'package p\n\np { true }',
      ['policy.rego:3:1: rego_parse_error: `if` keyword is required before rule body'],
    ],
    [
      'v0 partial set',
      'package p\n\np[x] { x := 1 }',
      [
        'policy.rego:3:1: rego_parse_error: `if` keyword is required before rule body',
        'policy.rego:3:1: rego_parse_error: `contains` keyword is required for partial set rules',
      ],
    ],
    [
      'v0 function body',
      'package p\nf(x) = y { y := x }',
      ['policy.rego:2:1: rego_parse_error: `if` keyword is required before function body'],
    ],
    [
      'else without if',
      'package p\np := 1 if { false } else := 2 { true }',
      ['policy.rego:2:21: rego_parse_error: `if` keyword is required before rule body'],
    ],
    [
      'missing body or value',
      'package p\na.b.c',
      ['policy.rego:2:1: rego_parse_error: rule must have value assignment and/or body declaration'],
    ],
    [
      'function without body',
      'package p\nf(x)',
      ['policy.rego:2:1: rego_parse_error: function must have value assignment and/or body declaration'],
    ],
    [
      'bare var statement',
      'package p\nx',
      ['policy.rego:2:1: rego_parse_error: var cannot be used for rule name'],
    ],
    [
      'operator statement',
      'package p\n1 + 2',
      ['policy.rego:2:1: rego_parse_error: rule name conflicts with built-in function'],
    ],
    [
      'keyword rule name',
      'package p\ncontains := 1',
      ['policy.rego:2:1: rego_parse_error: contains keyword cannot be used for rule name'],
    ],
    [
      'unexpected assign',
      'package p\np if { x := := 1 }',
      ['policy.rego:2:13: rego_parse_error: unexpected assign token'],
    ],
    [
      'truncated package',
      'package foo.',
      ['policy.rego:1:12: rego_parse_error: unexpected eof token: expected identifier'],
    ],
    ['no package', 'p := 1', ['policy.rego:1:1: rego_parse_error: package expected']],
    [
      'second package',
      'package p\np := 1\npackage q',
      ['policy.rego:3:1: rego_parse_error: unexpected package'],
    ],
    ['empty module', '# nothing here\n', ['policy.rego:1:1: rego_parse_error: empty module']],
    [
      'unknown import root',
      'package p\nimport foo.bar',
      [
        'policy.rego:2:8: rego_parse_error: unexpected import path, must begin with one of: {data, future, input, rego}, got: foo (hint: if this is unexpected, try updating OPA)',
      ],
    ],
    [
      'bad rego import',
      'package p\nimport rego.v2',
      ['policy.rego:2:8: rego_parse_error: invalid import `rego.v2`, must be `rego.v1`'],
    ],
    [
      'default with var',
      'package p\ndefault p := x',
      ['policy.rego:2:1: rego_parse_error: illegal default rule (value cannot contain var)'],
    ],
    [
      'else on a rule with variables',
      'package p\np[x] := 1 if { x := 1 } else := 2',
      ['policy.rego:2:25: rego_parse_error: else keyword cannot be used on rules with variables in head'],
    ],
    [
      'statements on one line',
      'package p\np if {\n  x := 1 y := 2\n}',
      ['policy.rego:3:10: rego_parse_error: unexpected identifier token: expected \\n or ; or }'],
    ],
    [
      'non-terminated string',
      'package p\np := "abc',
      [
        'policy.rego:2:6: rego_parse_error: non-terminated string',
        'policy.rego:2:6: rego_parse_error: illegal token',
      ],
    ],
    [
      'illegal escape',
      'package p\np := "a\\qb"',
      [
        'policy.rego:2:6: rego_parse_error: illegal escape sequence',
        'policy.rego:2:6: rego_parse_error: illegal token',
      ],
    ],
    [
      'bad unicode escape',
      'package p\np := "\\u12zz"',
      ['policy.rego:2:6: rego_parse_error: illegal string literal: "\\u12zz"'],
    ],
    [
      'leading zero',
      'package p\np := [01]',
      ['policy.rego:2:7: rego_parse_error: unexpected number token: expected number without leading zero'],
    ],
    [
      'missing fraction',
      'package p\np := 1.',
      [
        'policy.rego:2:6: rego_parse_error: expected fraction',
        'policy.rego:2:6: rego_parse_error: illegal token',
      ],
    ],
    ['huge number', 'package p\np := [1e99999]', ['policy.rego:2:7: rego_parse_error: number too big']],
    [
      'unary minus on a var',
      'package p\np := [-x]',
      ['policy.rego:2:8: rego_parse_error: unexpected identifier token: expected number'],
    ],
    [
      'negated some',
      'package p\np if { not some x }',
      ["policy.rego:2:12: rego_parse_error: unexpected some keyword: illegal negation of 'some'"],
    ],
    [
      'every without body',
      'package p\np if { every x in xs }',
      ['policy.rego:2:22: rego_parse_error: unexpected } token: missing body'],
    ],
    [
      'contains on a function',
      'package p\nf(x) contains 1',
      [
        'policy.rego:2:6: rego_parse_error: unexpected contains keyword: the contains keyword can only be used with multi-value rule definitions (e.g., f contains <VALUE> { ... })',
      ],
    ],
    [
      'illegal character',
      'package p\np := 1 ! 2',
      ['policy.rego:2:8: rego_parse_error: illegal ! character'],
    ],
    [
      'non-terminated array',
      'package p\np := [1, 2',
      ['policy.rego:2:10: rego_parse_error: unexpected eof token: expected "," or "]"'],
    ],
    [
      'empty body',
      'package p\np if { every x in xs {} }',
      ['policy.rego:2:23: rego_parse_error: found empty body'],
    ],
    [
      'call as a head ref',
      'package p\nq(0).r(0) { true }',
      ['policy.rego:2:11: rego_parse_error: unexpected { token: rule head ref q(0).r invalid'],
    ],
    [
      'else on a multi-value rule',
      'package p\np[1] { false } else { true }',
      ['policy.rego:2:16: rego_parse_error: else keyword cannot be used on multi-value rules'],
    ],
    [
      'else after a second body',
      'package p\np { false } { false } else { true }',
      ['policy.rego:2:23: rego_parse_error: unexpected else keyword'],
    ],
    [
      'body after else',
      'package p\np { false } else { false } { true }',
      ['policy.rego:2:28: rego_parse_error: expected else keyword'],
    ],
    [
      'exponent beyond 32 bits',
      'package p\np := [7e3000000000]',
      ['policy.rego:2:7: rego_parse_error: unexpected number token: invalid float'],
    ],
  ];

  it.each(cases)('%s', (_name, source, expected) => {
    expect(errorsOf(source).slice(0, expected.length)).toEqual(expected);
  });

  it('reports every rule that fails the v1 checks, sorted by position', () => {
    const errors = errorsOf('package p\na { true }\nb := 1\nc { true }\nd[x] { x := 1 }');
    expect(errors).toEqual([
      'policy.rego:2:1: rego_parse_error: `if` keyword is required before rule body',
      'policy.rego:4:1: rego_parse_error: `if` keyword is required before rule body',
      'policy.rego:5:1: rego_parse_error: `if` keyword is required before rule body',
      'policy.rego:5:1: rego_parse_error: `contains` keyword is required for partial set rules',
    ]);
  });

  it('throws RegoCompileError from queries and terms too', () => {
    expect(() => parseQuery('x := ', 'q')).toThrow(RegoCompileError);
    expect(() => parseQuery('x := ', 'q')).toThrow('q:1:5: rego_parse_error: unexpected eof token');
    expect(() => parseTerm('1 + 2')).toThrow('rego_parse_error: expected term but got 1 + 2');
    expect(() => parseTerm('1, 2')).toThrow(RegoCompileError);
  });

  it('turns absurd nesting into a parse error instead of a stack overflow', () => {
    const deep = `package p\np := ${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(errorsOf(deep)[0]).toMatch(/max parsing recursion depth exceeded/);
    expect(() =>
      parseModule(`package p\np := ${'['.repeat(100)}1${']'.repeat(100)}`, 'ok.rego'),
    ).not.toThrow();
  });
});
