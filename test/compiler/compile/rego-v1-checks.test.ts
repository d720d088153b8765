/**
 * CheckKeywordOverrides, CheckImports and CheckDeprecatedBuiltins hold for
 * Rego v1 modules and v0 modules importing rego.v1; plain v0 modules skip
 * them, as in OPA 1.x without --strict.
 */
import { compileModules } from '../../../services/compiler/compile/compiler.js';
import { RegoCompileError, formatRegoError } from '../../../services/compiler/errors.js';
import { parseModule } from '../../../services/compiler/rego/parser.js';
import type { RegoVersion } from '../../../services/compiler/rego/parser-base.js';

function errorsOf(source: string, regoVersion: RegoVersion): string[] {
  try {
    compileModules([parseModule(source, 'm.rego', { regoVersion })]);
  } catch (err) {
    if (err instanceof RegoCompileError) return err.errors.map(formatRegoError);
    throw err;
  }
  return [];
}

describe('CheckDeprecatedBuiltins', () => {
  const v1 =
    'package test\n\np if any([true, false])\nq := x if {\n\tx := [y | y := cast_array(input.s)]\n}\n';
  const v0 = 'package test\n\np { any([true, false]) }\nq = x {\n\tx := [y | y := cast_array(input.s)]\n}\n';

  it('refuses deprecated builtins in a v1 module, in bodies and comprehensions', () => {
    expect(errorsOf(v1, 'v1')).toEqual([
      'm.rego:3:6: rego_type_error: deprecated built-in function calls in expression: any',
      'm.rego:5:17: rego_type_error: deprecated built-in function calls in expression: cast_array',
    ]);
  });

  it('lets a v0 module call them', () => {
    expect(errorsOf(v0, 'v0')).toEqual([]);
  });

  it('refuses them again in a v0 module that imports rego.v1', () => {
    expect(errorsOf('package test\nimport rego.v1\n\np if re_match("a", "a")\n', 'v0')).toEqual([
      'm.rego:4:6: rego_type_error: deprecated built-in function calls in expression: re_match',
    ]);
  });

  it('a package function named like a deprecated builtin is not one', () => {
    expect(errorsOf('package test\n\nany(xs) := true if xs[_]\np if any([true])\n', 'v1')).toEqual([]);
  });
});

describe('CheckKeywordOverrides', () => {
  it('refuses rules, arguments and := targets named input or data in v1', () => {
    expect(
      errorsOf('package test\n\ninput := 1\nf(data) := 1\np if {\n\tdata := 2\n\tinput == 1\n}\n', 'v1'),
    ).toEqual([
      'm.rego:3:1: rego_compile_error: rules must not shadow input (use a different rule name)',
      'm.rego:4:3: rego_compile_error: args must not shadow data (use a different variable name)',
      'm.rego:6:2: rego_compile_error: variables must not shadow data (use a different variable name)',
    ]);
  });

  it('in v0, `input := ...` declares a local that shadows input', () => {
    expect(errorsOf('package test\n\np = x { input := {"a": 1}; x := input.a }\n', 'v0')).toEqual([]);
  });
});

describe('CheckImports', () => {
  it('refuses two imports of one name in v1, naming the first', () => {
    expect(errorsOf('package test\nimport data.a.x\nimport data.b.x\n\np := x\n', 'v1')).toEqual([
      'm.rego:3:1: rego_compile_error: import must not shadow import data.a.x',
    ]);
  });

  it('allows them in v0', () => {
    expect(errorsOf('package test\nimport data.a.x\nimport data.b.x\n\np = x\n', 'v0')).toEqual([]);
  });
});
