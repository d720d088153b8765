/**
 * Rego v0 parsing (OPA's `--v0-compatible`): each v0 spelling must give the
 * AST its v1 spelling gives, future keywords are names until imported, and
 * `import rego.v1` brings the keywords and the v1 rule checks.
 */
import { RegoCompileError, formatRegoError } from '../../../services/compiler/errors.js';
import type { Module } from '../../../services/compiler/rego/ast.js';
import { parseModule, parseQuery } from '../../../services/compiler/rego/index.js';
import { canonical } from './support.js';

function v0(source: string): Module {
  return parseModule(source, 'policy.rego', { regoVersion: 'v0' });
}

/** The module without locations, wildcard-numbering or the syntax it was read as. */
function shape(m: Module): string {
  const { regoVersion: _ignored, ...rest } = m;
  return canonical(rest);
}

function v0Errors(source: string): string[] {
  try {
    v0(source);
  } catch (err) {
    if (err instanceof RegoCompileError) return err.errors.map(formatRegoError);
    throw err;
  }
  throw new Error(`module parsed:\n${source}`);
}

describe('Rego v0 rules read as their v1 spelling', () => {
  const pairs: [string, string, string][] = [
    ['body without if', 'p { input.x == 1 }', 'p if { input.x == 1 }'],
    ['value and body', 'p = 7 { input.x }', 'p = 7 if { input.x }'],
    ['partial set', 'deny[msg] { msg := "no" }', 'deny contains msg if { msg := "no" }'],
    ['partial object', 'm[k] = v { some k; v := input[k] }', 'm[k] = v if { some k; v := input[k] }'],
    ['function with value', 'f(x) = y { y := x + 1 }', 'f(x) = y if { y := x + 1 }'],
    ['function returning true', 'f(x) { x > 1 }', 'f(x) if { x > 1 }'],
    [
      'else chain',
      'p = 1 { false } else = 2 { true } else = 3',
      'p = 1 if { false } else = 2 if { true } else = 3',
    ],
    ['else without value', 'p { false } else { true }', 'p if { false } else if { true }'],
    ['default rule', 'default allow = false', 'default allow = false'],
    ['ref head with a constant tail', 'a.b.c { true }', 'a.b.c if { true }'],
    ['dotted two-part head is a set element', 'p.q { true }', 'p contains "q" if { true }'],
    ['several bodies', 'p { input.a } { input.b }', 'p if { input.a } { input.b }'],
    ['bare partial set element', 'p["x"]', 'p contains "x"'],
  ];
  it.each(pairs)('%s', (_name, v0Source, v1Source) => {
    const read = v0(`package test\n\n${v0Source}\n`);
    const want = parseModule(`package test\n\n${v1Source}\n`, 'policy.rego');
    expect(read.regoVersion).toBe('v0');
    expect(shape(read)).toBe(shape(want));
  });
});

describe('future keywords in v0', () => {
  it('are names until imported: contains() is the builtin, in/every/if are vars and rule names', () => {
    const m = v0(
      'package test\n\np { contains("abc", "b"); in := 1; every := [in]; if := every[0] }\nif { true }\nevery[x] { x := 1 }\n',
    );
    expect(m.rules.map((r) => r.head.ref.value[0])).toMatchObject([
      { type: 'var', value: 'p' },
      { type: 'var', value: 'if' },
      { type: 'var', value: 'every' },
    ]);
  });

  it('`x in xs` and `p if` do not parse without an import', () => {
    expect(v0Errors('package test\n\np { 1 in [1] }\n')[0]).toMatch(/rego_parse_error/);
    expect(v0Errors('package test\n\np if { true }\n')[0]).toMatch(/rego_parse_error/);
  });

  it('one keyword per import: future.keywords.in gives `in` but not `if`', () => {
    const m = v0('package test\nimport future.keywords.in\n\np { 1 in [1] }\n');
    expect(m.rules).toHaveLength(1);
    expect(v0Errors('package test\nimport future.keywords.in\n\np if { 1 in [1] }\n')[0]).toMatch(
      /rego_parse_error/,
    );
  });

  it('future.keywords.every brings `in` too, as in OPA', () => {
    const m = v0('package test\nimport future.keywords.every\n\np { every x in [1] { x == 1 }; 1 in [1] }\n');
    expect(m.rules[0].body).toHaveLength(2);
  });

  it('future.keywords brings all four, and the import itself is not kept', () => {
    const m = v0(
      'package test\nimport future.keywords\nimport data.lib\n\ndeny contains msg if { some x in input.xs; every y in x { y }; msg := x }\n',
    );
    expect(shape(m)).toBe(
      shape(
        parseModule(
          'package test\nimport data.lib\n\ndeny contains msg if { some x in input.xs; every y in x { y }; msg := x }\n',
          'policy.rego',
        ),
      ),
    );
  });

  it('says which import is missing, as OPA’s hints', () => {
    expect(v0Errors('package test\n\np { some x in [1] }\n')[0]).toContain(
      'policy.rego:3:12: rego_parse_error: unexpected identifier token: expected \\n or ; or } (hint: `import future.keywords.in` for `some x in xs` expressions)',
    );
    expect(
      v0Errors('package test\nimport future.keywords.in\n\np { every x in [1] { x == 1 } }\n')[0],
    ).toContain('(hint: `import future.keywords.every` for `every x in xs { ... }` expressions)');
    // No hint when the name cannot start an every expression.
    expect(v0Errors('package test\n\np { every = 1; every 2 }\n')[0]).not.toContain('hint');
  });

  it('an unknown future keyword is refused with OPA’s message', () => {
    expect(v0Errors('package test\nimport future.keywords.when\n')).toEqual([
      'policy.rego:2:8: rego_parse_error: unexpected keyword, must be one of [contains every if in]',
    ]);
  });

  it('an import path may end in a future keyword in v0 (it is no v0 keyword), not in v1', () => {
    expect(v0('package test\nimport data.lib.in\n').imports).toHaveLength(1);
    expect(() => parseModule('package test\nimport data.lib.in\n', 'policy.rego')).toThrow(
      /must not end with a keyword, got: in/,
    );
  });

  it('queries read in v0 follow the same rule: `1 in [1]` is three statements, as OPA reads it', () => {
    expect(parseQuery('x := contains("ab", "a")', 'q', { regoVersion: 'v0' })).toHaveLength(1);
    expect(parseQuery('1 in [1]', 'q', { regoVersion: 'v0' })).toHaveLength(3);
    expect(parseQuery('1 in [1]', 'q')).toHaveLength(1);
  });
});

describe('import rego.v1 inside a v0 module', () => {
  it('brings every future keyword and marks the module v0v1', () => {
    const m = v0('package test\nimport rego.v1\n\ndeny contains msg if { some x in input.xs; msg := x }\n');
    expect(m.regoVersion).toBe('v0v1');
    expect(m.imports).toEqual([]);
  });

  it('holds the module to the Rego v1 rule checks', () => {
    expect(v0Errors('package test\nimport rego.v1\n\np { true }\nq[x] { x := 1 }\n')).toEqual([
      'policy.rego:4:1: rego_parse_error: `if` keyword is required before rule body',
      'policy.rego:5:1: rego_parse_error: `if` keyword is required before rule body',
      'policy.rego:5:1: rego_parse_error: `contains` keyword is required for partial set rules',
    ]);
  });

  it('cannot be aliased in v0 (a no-op check in v1)', () => {
    expect(v0Errors('package test\nimport rego.v1 as r\n')).toEqual([
      'policy.rego:2:8: rego_parse_error: `rego` imports cannot be aliased',
    ]);
  });

  it('a v0 module without it skips the v1 checks', () => {
    expect(v0('package test\n\np { true }\nq[x] { x := 1 }\n').regoVersion).toBe('v0');
  });
});
