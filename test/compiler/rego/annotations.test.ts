import { RegoCompileError } from '../../../services/compiler/errors.js';
import { formatModule, parseModule } from '../../../services/compiler/rego/index.js';
import { withoutLocations } from './support.js';

const SOURCE = `# METADATA
# description: The Rego test suite
package testing

# METADATA
# scope: document
# title: Testing annotations
# authors:
# - The OPA contributors
# - name: Jane
#   email: jane@example.org
# - Bob <bob@example.org>
p := "foo" if {
	false
}

# METADATA
# title: Another annotation
# related_resources:
# - https://example.com
# schemas:
# - input["a.b"]: schema.x
# - input.n: {type: number}
# custom:
#   severity: high
p := x if {
	x := rego.metadata.rule()
}

q := 2
`;

describe('METADATA annotations', () => {
  const m = parseModule(SOURCE, 'a.rego');

  it('attaches package-scoped blocks to the package', () => {
    expect(withoutLocations(m.package.annotations)).toEqual([
      { scope: 'package', description: 'The Rego test suite' },
    ]);
    expect(m.package.annotations?.[0].location).toEqual({ file: 'a.rego', row: 1, col: 1 });
  });

  it('gives each rule its own rule block and the document blocks of its path', () => {
    const doc = {
      scope: 'document',
      title: 'Testing annotations',
      authors: [
        { name: 'The OPA contributors' },
        { name: 'Jane', email: 'jane@example.org' },
        { name: 'Bob', email: 'bob@example.org' },
      ],
    };
    expect(withoutLocations(m.rules[0].annotations)).toEqual([doc]);
    expect(withoutLocations(m.rules[1].annotations)).toEqual([
      doc,
      {
        scope: 'rule',
        title: 'Another annotation',
        related_resources: [{ ref: 'https://example.com' }],
        schemas: [
          { path: ['input', 'a.b'], schema: ['schema', 'x'] },
          { path: ['input', 'n'], definition: { type: 'number' } },
        ],
        custom: { severity: 'high' },
      },
    ]);
    expect(m.rules[2].annotations).toBeUndefined();
  });

  it('prints blocks back so they attach the same way', () => {
    const again = parseModule(formatModule(m), 'a.rego');
    expect(withoutLocations(again)).toEqual(withoutLocations(m));
  });

  it.each([
    [
      '# METADATA\n# scope: rule\npackage p',
      "1:1: rego_parse_error: annotation scope 'rule' must be applied to rule (have package)",
    ],
    [
      'package p\n# METADATA\n# scope: nope\np := 1',
      "2:1: rego_parse_error: invalid annotation scope 'nope'. Use one of 'rule', 'document', 'package', or 'subpackages'",
    ],
    [
      'package p\n# METADATA\nimport data.x',
      '2:1: rego_parse_error: expected METADATA block, found whitespace',
    ],
    ['package p\n# METADATA\n# title: [\np := 1', '2:1: rego_parse_error: yaml:'],
    [
      'package p\n# METADATA\n# schemas:\n# - input.x: data.s\np := 1',
      '2:1: rego_parse_error: invalid schema reference',
    ],
    [
      'package p\n# METADATA\n# schemas:\n# - "input[": schema.s\np := 1',
      '2:1: rego_parse_error: invalid document reference',
    ],
    [
      'package p\n# METADATA\n# authors: [{}]\np := 1',
      "2:1: rego_parse_error: invalid author definition: 'name' and/or 'email' values required in object",
    ],
    [
      'package p\n# METADATA\n# scope: subpackages\np := 1',
      "2:1: rego_parse_error: annotation scope 'subpackages' must be applied to package (have rule)",
    ],
    [
      'package p\n# METADATA\n# entrypoint: true\n# scope: rule\np := 1',
      "2:1: rego_parse_error: annotation entrypoint applied to non-document or package scope 'rule'",
    ],
  ])('rejects %j', (source, message) => {
    expect(() => parseModule(source, 'b.rego')).toThrow(RegoCompileError);
    expect(() => parseModule(source, 'b.rego')).toThrow(`b.rego:${message}`);
  });

  it('makes an entrypoint block document-scoped', () => {
    const r = parseModule('package p\n# METADATA\n# entrypoint: true\nallow := true', 'c.rego').rules[0];
    expect(withoutLocations(r.annotations)).toEqual([{ scope: 'document', entrypoint: true }]);
  });

  it('reads schema paths and references as refs', () => {
    const r = parseModule(
      'package p\n# METADATA\n# schemas:\n# - input["a.b"].c: schema.x\n# - input: schema\np := 1',
      'd.rego',
    ).rules[0];
    expect(r.annotations?.[0].schemas).toEqual([
      { path: ['input', 'a.b', 'c'], schema: ['schema', 'x'] },
      { path: ['input'], schema: ['schema'] },
    ]);
  });

  it('keeps a subpackages block on the package, next to a package block', () => {
    const m = parseModule(
      '# METADATA\n# scope: subpackages\n# title: all\n\n# METADATA\n# title: this\npackage a.b\n',
      'e.rego',
    );
    expect(withoutLocations(m.package.annotations)).toEqual([
      { scope: 'subpackages', title: 'all' },
      { scope: 'package', title: 'this' },
    ]);
  });
});
