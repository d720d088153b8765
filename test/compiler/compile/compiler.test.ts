import { compileModules, compileQuery, STAGES } from '../../../services/compiler/compile/compiler.js';
import { RegoCompileError } from '../../../services/compiler/errors.js';
import { parseModule, parseQuery } from '../../../services/compiler/rego/parser.js';
import { formatBody } from '../../../services/compiler/rego/printer.js';
import { compile } from './helpers.js';

describe('compiler stages', () => {
  test('stages run in OPA order and each is timed', () => {
    const policy = compile('package test\np := 1\n');
    expect(STAGES.map((s) => s.name)).toEqual([
      'CheckKeywordOverrides',
      'CheckImports',
      'ResolveRefs',
      'GroupRules',
      'CheckWith',
      'CheckCalls',
      'SetAnnotationSet',
      'RewriteRegoMetadataCalls',
      'RewriteLocalVars',
      'RewritePrintCalls',
      'RewriteExprTerms',
      'CheckSafety',
      'CheckRecursion',
      'CheckTypes',
      'CheckStrict',
      'CheckDeprecatedBuiltins',
    ]);
    expect(policy.metrics.map((m) => m.name)).toEqual(STAGES.map((s) => s.name));
    expect(policy.metrics.every((m) => m.ms >= 0)).toBe(true);
  });

  test('all errors of a stage are thrown together, sorted by location', () => {
    const modules = [
      parseModule('package test\np if { y > 1 }\nq if { z > 1 }\n', 'b.rego'),
      parseModule('package t2\nr if { w > 1 }\n', 'a.rego'),
    ];
    let error: unknown;
    try {
      compileModules(modules);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RegoCompileError);
    expect((error as RegoCompileError).message).toBe(
      [
        '3 errors occurred:',
        'a.rego:2:8: rego_unsafe_var_error: var w is unsafe',
        'b.rego:2:8: rego_unsafe_var_error: var y is unsafe',
        'b.rego:3:8: rego_unsafe_var_error: var z is unsafe',
      ].join('\n'),
    );
  });

  test('the input modules are left untouched', () => {
    const mod = parseModule('package test\np := x if x := 1\n', 'm.rego');
    const before = JSON.stringify(mod);
    compileModules([mod]);
    expect(JSON.stringify(mod)).toBe(before);
  });

  test('queries are compiled with the same checks and keep their var names', () => {
    const policy = compile('package test\np := 1\n');
    const q = compileQuery(parseQuery('y := x + 1; x = data.test.p'), policy);
    expect(formatBody(q.body)).toMatch(
      /^x = data\.test\.p; plus\(x, 1, (__localp\d+__)\); (__localp\d+__) = \1$/,
    );
    const assigned = formatBody(q.body).match(/; (__localp\d+__) = __localp\d+__$/)![1];
    expect(q.rewrittenVars[assigned]).toBe('y');
    expect(() => compileQuery(parseQuery('x > 1'), policy)).toThrow(
      'query:1:1: rego_unsafe_var_error: var x is unsafe',
    );
  });
});
