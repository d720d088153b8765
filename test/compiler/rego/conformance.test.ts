/**
 * Parses every module of every OPA v1 conformance case. Cases expecting a
 * `rego_parse_error` must fail to parse; all others must parse.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RegoCompileError } from '../../../services/compiler/errors.js';
import { formatModule, parseModule, parseQuery, parseTerm } from '../../../services/compiler/rego/index.js';
import { canonical } from './support.js';

const ROOT = join(process.cwd(), '..', 'shared', 'opa-conformance', 'v1');

interface ConformanceCase {
  note: string;
  query?: string;
  modules?: string[];
  input_term?: string;
  want_error_code?: string;
}

function caseFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return caseFiles(path);
    return entry.name.endsWith('.yaml') ? [path] : [];
  });
}

function loadCases(): { file: string; c: ConformanceCase }[] {
  return caseFiles(ROOT).flatMap((file) => {
    const doc = parseYaml(readFileSync(file, 'utf8')) as { cases?: ConformanceCase[] };
    return (doc.cases ?? []).map((c) => ({ file, c }));
  });
}

describe('OPA v1 conformance modules', () => {
  const cases = loadCases();

  it('finds the conformance suite', () => {
    expect(cases.length).toBeGreaterThan(1500);
  });

  it('prints every module back to Rego that parses to the same AST', () => {
    const failures: string[] = [];
    for (const { c } of cases) {
      if (c.want_error_code === 'rego_parse_error') continue;
      (c.modules ?? []).forEach((source, i) => {
        const parsed = parseModule(source, 'm.rego');
        const printed = formatModule(parsed);
        try {
          const again = parseModule(printed, 'm.rego');
          if (canonical(again) !== canonical(parsed)) failures.push(`${c.note}#${i}: differs:\n${printed}`);
        } catch (err) {
          failures.push(`${c.note}#${i}: ${(err as Error).message}\n${printed}`);
        }
      });
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('parses every module, query and input term as OPA does', () => {
    const failures: string[] = [];
    let modules = 0;
    for (const { c } of cases) {
      const wantParseError = c.want_error_code === 'rego_parse_error';
      (c.modules ?? []).forEach((source, i) => {
        modules++;
        try {
          parseModule(source, `${c.note}#${i}.rego`);
          if (wantParseError) failures.push(`${c.note}: module ${i} parsed but OPA rejects it`);
        } catch (err) {
          if (!(err instanceof RegoCompileError)) throw err;
          if (!wantParseError) failures.push(`${c.note}: ${err.message}`);
        }
      });
      for (const [what, source, parse] of [
        ['query', c.query, parseQuery],
        ['input_term', c.input_term, parseTerm],
      ] as const) {
        if (source === undefined) continue;
        try {
          parse(source);
        } catch (err) {
          if (!(err instanceof RegoCompileError)) throw err;
          failures.push(`${c.note}: ${what}: ${err.message}`);
        }
      }
    }
    expect(modules).toBeGreaterThan(1500);
    expect(failures).toEqual([]);
  });
});
