import { compileModules } from '../../../services/compiler/compile/compiler.js';
import { RegoCompileError, formatRegoError } from '../../../services/compiler/errors.js';
import { parseModule } from '../../../services/compiler/rego/parser.js';

/** Errors of compiling one module (`a.rego`), `file:row:col: code: message`; [] when it compiles. */
function errors(source: string, options: { strict?: boolean; v0?: boolean } = {}): string[] {
  try {
    compileModules([parseModule(source, 'a.rego', options.v0 ? { regoVersion: 'v0' } : {})], {
      strict: options.strict,
    });
  } catch (err) {
    if (err instanceof RegoCompileError) return err.errors.map(formatRegoError);
    throw err;
  }
  return [];
}

describe('declarations nothing uses (OPA, always)', () => {
  it.each([
    [
      'a bare some',
      'package t\np if { some x; true }\n',
      ['a.rego:2:8: rego_compile_error: declared var x unused'],
    ],
    [
      'an every value',
      'package t\np if { every x in [1] { true } }\n',
      ['a.rego:2:8: rego_compile_error: declared var x unused'],
    ],
    [
      'an every key',
      'package t\np if { every k, v in [1] { v > 0 } }\n',
      ['a.rego:2:8: rego_compile_error: declared var k unused'],
    ],
    ['a some var that is used', 'package t\np if { some x; x = 1 }\n', []],
    ['some x in xs binds x', 'package t\np if { some x in [1] }\n', []],
    ['an unused := is fine without strict mode', 'package t\np if { x := 1; true }\n', []],
  ])('%s', (_, source, want) => {
    expect(errors(source)).toEqual(want);
  });
});

describe('strict mode (OPA check --strict)', () => {
  it.each([
    [
      'an import no rule reads',
      'package t\nimport data.foo\nimport data.bar as b\nimport input.user\np if { b.x; user }\n',
      ['a.rego:2:1: rego_compile_error: import data.foo unused'],
    ],
    [
      'an assignment nothing reads',
      'package t\np if { x := 1; true }\n',
      ['a.rego:2:8: rego_compile_error: assigned var x unused'],
    ],
    [
      'one element of a destructuring assignment',
      'package t\np if { [a, b] := [1, 2]; a > 0 }\n',
      ['a.rego:2:8: rego_compile_error: assigned var b unused'],
    ],
    [
      'an assignment in a comprehension',
      'package t\np := [1 | y := 1]\n',
      ['a.rego:2:6: rego_compile_error: assigned var y unused'],
    ],
    [
      'function arguments',
      'package t\nf(x, y) := 1\n',
      [
        'a.rego:2:1: rego_compile_error: unused argument x. (hint: use _ (wildcard variable) instead)',
        'a.rego:2:1: rego_compile_error: unused argument y. (hint: use _ (wildcard variable) instead)',
      ],
    ],
    ['an argument used in any else branch is used', 'package t\nf(x) := 1 if { false } else := x\n', []],
    ['wildcards and used assignments', 'package t\nf(x, _) := y if { y := x }\n', []],
    [
      'v0 modules get the checks Rego v1 makes',
      'package t\nimport data.a\nimport data.a\np { any([true]) }\n',
      [
        'a.rego:3:1: rego_compile_error: import data.a unused',
        'a.rego:3:1: rego_compile_error: import must not shadow import data.a',
        'a.rego:4:5: rego_type_error: deprecated built-in function calls in expression: any',
      ],
    ],
  ])('%s', (_, source, want) => {
    const v0 = source.includes('p {');
    expect(errors(source, { strict: true, v0 })).toEqual(want);
    // None of these is an error outside strict mode.
    expect(errors(source, { v0 }).filter((e) => !e.includes('deprecated') && !e.includes('shadow'))).toEqual(
      [],
    );
  });
});
