import { unifiedDiff } from '../../../services/compiler/format/diff.js';
import { formatSource } from '../../../services/compiler/format/index.js';

const fmt = (source: string, regoVersion: 'v0' | 'v1' = 'v1') =>
  formatSource(source, 'p.rego', { regoVersion });

describe("formatSource: OPA's canonical layout", () => {
  it('indents with tabs, writes one expression per line and keeps short bodies on the head line', () => {
    expect(
      fmt(
        'package   p\nallow   if {   input.user == "ada" ;  input.method == "GET" }\ndeny if { not allow }\n',
      ),
    ).toBe(
      'package p\n\nallow if {\n\tinput.user == "ada"\n\tinput.method == "GET"\n}\n\ndeny if not allow\n',
    );
  });

  it('keeps a body that was broken across lines as a block, and blank lines between its expressions', () => {
    expect(fmt('package p\n\nallow if {\n  x := 1\n\n  x > 0\n}\n')).toBe(
      'package p\n\nallow if {\n\tx := 1\n\n\tx > 0\n}\n',
    );
  });

  it('groups adjacent one-line rules and separates the others by one blank line', () => {
    expect(fmt('package p\na := 1\nb := 2\n\n\n\nc := 3\nd if {\n  a\n  b\n}\n')).toBe(
      'package p\n\na := 1\nb := 2\n\nc := 3\n\nd if {\n\ta\n\tb\n}\n',
    );
  });

  it('sorts imports within a group, keeps groups, comments and rego.v1', () => {
    expect(
      fmt(
        '# policy\npackage p\n\nimport rego.v1\nimport data.z # last\nimport data.a\n\nimport input.x\n\n# a rule\np := 1 # one\n',
      ),
    ).toBe(
      '# policy\npackage p\n\nimport data.a\nimport data.z # last\nimport rego.v1\n\nimport input.x\n\n# a rule\np := 1 # one\n',
    );
  });

  it('lays composites out as they were broken, with trailing commas, and parenthesises nested infix operands', () => {
    expect(fmt('package p\n\nxs := [1, 2,\n  3]\nobj := {"a": 1,\n"b": 2}\ny := 1 + 2 * 3\n')).toBe(
      'package p\n\nxs := [\n\t1, 2,\n\t3,\n]\n\nobj := {\n\t"a": 1,\n\t"b": 2,\n}\n\ny := 1 + (2 * 3)\n',
    );
  });

  it('writes := for rule values in Rego v1, keeps strings as they were quoted, and else chains apart', () => {
    expect(fmt('package p\n\nq = `raw\\s` if input.x\nr := "\\u0041" if { false } else = 2\n')).toBe(
      'package p\n\nq := `raw\\s` if input.x\nr := "\\u0041" if false\n\nelse := 2\n',
    );
  });

  it('writes comprehensions, every and some on one line or as blocks, as written', () => {
    const source =
      'package p\n\nxs := [x | some x in input.xs; x > 1]\n\nall_small if {\n  every x in input.xs {\n    x < 10\n  }\n}\n';
    expect(fmt(source)).toBe(
      'package p\n\nxs := [x | some x in input.xs; x > 1]\n\nall_small if {\n\tevery x in input.xs {\n\t\tx < 10\n\t}\n}\n',
    );
  });

  it('keeps a Rego v0 module in v0 (no if or contains unless imported; an implied = true left out)', () => {
    expect(fmt('package p\n\ndeny[msg] {\n  msg := "no"\n}\nallow = true { input.x }\n', 'v0')).toBe(
      'package p\n\ndeny[msg] {\n\tmsg := "no"\n}\n\nallow {\n\tinput.x\n}\n',
    );
  });

  it('is idempotent on its own output and refuses a module that does not parse', () => {
    const once = fmt('package p\nf(x) = y if {y := x + 1}\ns contains v if {v := "a"}\n');
    expect(fmt(once)).toBe(once);
    expect(() => fmt('package p\n\nallow if {')).toThrow(/rego_parse_error/);
  });
});

describe('unifiedDiff', () => {
  it('prints hunks with three lines of context, removals before additions', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nc\nD\ne\nf\ng\nh\n';
    expect(unifiedDiff('p.rego', before, after)).toBe(
      '--- a/p.rego\n+++ b/p.rego\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n',
    );
    expect(unifiedDiff('p.rego', before, before)).toBe('');
  });
});
