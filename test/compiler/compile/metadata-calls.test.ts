import { compileQuery } from '../../../services/compiler/compile/compiler.js';
import type { CompiledPolicy } from '../../../services/compiler/compile/types.js';
import { parseQuery } from '../../../services/compiler/rego/parser.js';
import { formatBody } from '../../../services/compiler/rego/printer.js';
import { compile, formatted, ruleText } from './helpers.js';

/** Every compiled rule, printed. */
function printed(policy: CompiledPolicy): string[] {
  return policy.rules.map((_, i) => ruleText(policy, i));
}

const PKG = `# METADATA
# description: The suite
package t
`;
const PKG_CHAIN = '{"path": ["t"], "annotations": {"scope": "package", "description": "The suite"}}';

describe('RewriteRegoMetadataCalls', () => {
  test('rego.metadata.rule() is the rule-scoped block of its rule, or {}', () => {
    const policy = compile(`${PKG}
# METADATA
# title: First
p := x if {
	x := rego.metadata.rule()
}

# METADATA
# title: Second
p := x if {
	x := rego.metadata.rule()
	false
}

q := rego.metadata.rule()
`);
    expect(printed(policy)).toEqual([
      'data.t.p := __localp0__ if { __localp0__ = {"scope": "rule", "title": "First"} }',
      'data.t.p := __localp1__ if { __localp1__ = {"scope": "rule", "title": "Second"}; false }',
      'data.t.q := {}',
    ]);
  });

  test('rego.metadata.chain() runs rule, document, package, then subpackages up to the root', () => {
    const policy = compile(
      '# METADATA\n# scope: subpackages\n# title: root\npackage a\n',
      '# METADATA\n# scope: subpackages\n# title: ab\npackage a.b\n',
      '# METADATA\n# title: abc\npackage a.b.c\n\n# METADATA\n# scope: document\n# title: doc\np := 1 if false\n',
      'package a.b.c\n\n# METADATA\n# title: own\np := rego.metadata.chain()\n',
    );
    expect(printed(policy)[1]).toBe(
      'data.a.b.c.p := [' +
        [
          '{"path": ["a", "b", "c", "p"], "annotations": {"scope": "rule", "title": "own"}}',
          '{"path": ["a", "b", "c", "p"], "annotations": {"scope": "document", "title": "doc"}}',
          '{"path": ["a", "b", "c"], "annotations": {"scope": "package", "title": "abc"}}',
          '{"path": ["a", "b"], "annotations": {"scope": "subpackages", "title": "ab"}}',
          '{"path": ["a"], "annotations": {"scope": "subpackages", "title": "root"}}',
        ].join(', ') +
        ']',
    );
  });

  test('a rule without blocks still leads its chain; else branches have no blocks of their own', () => {
    const policy = compile(`${PKG}
# METADATA
# title: F
f(a) := [a, rego.metadata.rule()] if {
	a > 1
} else := rego.metadata.chain()
`);
    expect(printed(policy)).toEqual([
      'data.t.f(__localp0__) := [__localp0__, {"scope": "rule", "title": "F"}] if { __localp0__ > 1 } ' +
        `else := [{"path": ["t", "f"]}, ${PKG_CHAIN}]`,
    ]);
  });

  test('the call form with an output argument unifies it; alone the call is just its (true) value', () => {
    const policy = compile(`${PKG}
p if {
	rego.metadata.rule(m)
	m == {}
	rego.metadata.chain()
}
`);
    expect(printed(policy)).toEqual([
      `data.t.p if { m = {}; m == {}; [{"path": ["t", "p"]}, ${PKG_CHAIN}] }`,
    ]);
  });

  test('calls inside comprehensions and every bodies are replaced too', () => {
    const policy = compile(`${PKG}
# METADATA
# title: T
p := [t | some i in [1]; t := rego.metadata.rule().title] if {
	every x in [1] { x == 1; count(rego.metadata.chain()) == 2 }
}
`);
    const text = printed(policy)[0];
    expect(text).not.toContain('rego.metadata');
    expect(text).toContain('{"scope": "rule", "title": "T"}');
    expect(text).toContain(
      `[{"path": ["t", "p"], "annotations": {"scope": "rule", "title": "T"}}, ${PKG_CHAIN}]`,
    );
  });

  test('every field comes out as OPA prints it; empty ones are left out', () => {
    const policy = compile(`package t

# METADATA
# title: T
# description: D
# organizations: [Acme]
# related_resources:
# - https://example.com
# - ref: https://example.org
#   description: docs
# authors:
# - Jane Doe <jane@example.org>
# - name: Bob
# schemas:
# - input.user: schema.user
# - input.n: {type: number}
# custom:
#   severity: 3
#   tags: [a, null, true]
# entrypoint: true
p := rego.metadata.chain()
`);
    expect(printed(policy)[0]).toBe(
      'data.t.p := [{"path": ["t", "p"]}, {"path": ["t", "p"], "annotations": {"scope": "document", "title": "T", "entrypoint": true, "description": "D", ' +
        '"organizations": ["Acme"], ' +
        '"related_resources": [{"ref": "https://example.com"}, {"ref": "https://example.org", "description": "docs"}], ' +
        '"authors": [{"name": "Jane Doe", "email": "jane@example.org"}, {"name": "Bob"}], ' +
        '"schemas": [{"path": ["input", "user"], "schema": ["schema", "user"]}, {"path": ["input", "n"], "definition": {"type": "number"}}], ' +
        '"custom": {"severity": 3, "tags": ["a", null, true]}}}]',
    );
  });

  test('a query has no rule: rule() is {} and chain() is [], as in OPA', () => {
    const policy = compile('package t\np := 1\n');
    const q = compileQuery(parseQuery('x := rego.metadata.rule(); y := rego.metadata.chain()'), policy);
    expect(formatBody(q.body)).toBe('__localp1000__ = {}; __localp1001__ = []');
  });

  test.each([
    [
      'a package block declared in two modules',
      ['# METADATA\n# title: a\npackage t\n', '# METADATA\n# title: b\npackage t\n'],
      ['m1.rego:1:1: rego_type_error: package annotation redeclared: m0.rego:1'],
    ],
    [
      'a document block declared twice for one path',
      [
        'package t\n# METADATA\n# scope: document\np := 1 if false\n',
        'package t\n# METADATA\n# scope: document\np := 2\n',
      ],
      ['m1.rego:2:1: rego_type_error: document annotation redeclared: m0.rego:2'],
    ],
    [
      'a custom value with no JSON form',
      ['package t\n# METADATA\n# custom: {x: .nan}\np := rego.metadata.rule()\n'],
      ['m0.rego:2:1: rego_compile_error: invalid custom annotation: NaN is not a JSON number'],
    ],
    [
      'a YAML alias to a map that holds it',
      ['package t\n# METADATA\n# custom: {a: &x {b: *x}}\np := rego.metadata.rule()\n'],
      [
        'm0.rego:2:1: rego_compile_error: invalid custom annotation: a YAML alias refers to a value that contains it',
      ],
    ],
    [
      'a YAML value that is not a map, list or scalar',
      ['package t\n# METADATA\n# custom: {x: !!binary aGk=}\np := rego.metadata.rule()\n'],
      [
        'm0.rego:2:1: rego_compile_error: invalid custom annotation: unsupported value [object Uint8Array] (only YAML maps, lists and scalars)',
      ],
    ],
    [
      'a call with arguments',
      ['package t\np := rego.metadata.rule(1)\n'],
      ['m0.rego:2:6: rego_type_error: rego.metadata.rule: too many arguments'],
    ],
  ])('rejects %s', (_, sources, errors) => {
    expect(formatted(...sources)).toEqual(errors);
  });
});
