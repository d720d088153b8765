import { existsSync } from 'node:fs';
import { loadCases } from '../../../services/compiler/conformance/cases.js';
import { formatSource } from '../../../services/compiler/format/index.js';
import { lex } from '../../../services/compiler/rego/lexer.js';
import { parseModule } from '../../../services/compiler/rego/parser.js';
import { formatModule } from '../../../services/compiler/rego/printer.js';
import type { Module, Rule } from '../../../services/compiler/rego/ast.js';

/*
 * Every module of OPA's conformance suites that parses: formatting keeps
 * its meaning (the same AST), keeps every comment, and formatting the
 * result again changes nothing.
 */

const SUITES = [
  { dir: '../shared/opa-conformance/v1', regoVersion: 'v1' as const },
  { dir: '../shared/opa-conformance/v0', regoVersion: 'v0' as const },
];

/** The module as one canonical text; `=` and `:=` in rule heads are one (fmt writes `:=` in Rego v1, as OPA). */
function canonical(module: Module): string {
  const heads = (rule: Rule | undefined): void => {
    for (let r = rule; r; r = r.else) delete r.head.assign;
  };
  module.rules.forEach(heads);
  return formatModule(module);
}

function parses(source: string, regoVersion: 'v0' | 'v1'): boolean {
  try {
    parseModule(source, 'm.rego', { regoVersion });
    return true;
  } catch {
    return false;
  }
}

describe.each(SUITES.filter((s) => existsSync(s.dir)))('fmt over $dir', ({ dir, regoVersion }) => {
  const modules = [...new Set(loadCases(dir).flatMap((c) => c.modules))].filter((m) =>
    parses(m, regoVersion),
  );

  it('keeps the AST and the comments, and is idempotent', () => {
    expect(modules.length).toBeGreaterThan(500);
    const failures: string[] = [];
    for (const source of modules) {
      let once: string;
      try {
        once = formatSource(source, 'm.rego', { regoVersion });
      } catch (err) {
        failures.push(`formatting failed: ${(err as Error).message}\n${source}`);
        continue;
      }
      let reparsed;
      try {
        reparsed = parseModule(once, 'm.rego', { regoVersion });
      } catch (err) {
        failures.push(
          `output does not parse: ${(err as Error).message}\n--- source\n${source}\n--- output\n${once}`,
        );
        continue;
      }
      const before = canonical(parseModule(source, 'm.rego', { regoVersion }));
      if (canonical(reparsed) !== before) {
        failures.push(`AST changed\n--- source\n${source}\n--- output\n${once}`);
        continue;
      }
      const comments = (text: string) => lex(text).comments.map((c) => c.text.trim());
      if (JSON.stringify(comments(once)) !== JSON.stringify(comments(source))) {
        failures.push(`comments changed\n--- source\n${source}\n--- output\n${once}`);
        continue;
      }
      const twice = formatSource(once, 'm.rego', { regoVersion });
      if (twice !== once) failures.push(`not idempotent\n--- once\n${once}\n--- twice\n${twice}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });
});
