import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** One case of OPA's conformance suite (schema: opa-conformance/README.md). */
export interface ConformanceCase {
  note: string;
  /** First folder under the cases directory (e.g. `eqexpr`). */
  topic: string;
  /** YAML file the case came from, relative to the cases directory. */
  file: string;
  query: string;
  modules: string[];
  data?: unknown;
  input?: unknown;
  input_term?: string;
  want_result?: Record<string, unknown>[];
  sort_bindings?: boolean;
  want_error_code?: string;
  want_error?: string;
  strict_error?: boolean;
  want_defined?: boolean;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) out.push(path);
  }
  return out;
}

/** Every case under `dir`, in file order. */
export function loadCases(dir: string): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const path of yamlFiles(dir)) {
    const file = relative(dir, path);
    const doc = parseYaml(readFileSync(path, 'utf8'), { intAsBigInt: false, uniqueKeys: false }) as {
      cases?: Omit<ConformanceCase, 'topic' | 'file'>[];
    };
    for (const raw of doc?.cases ?? []) {
      cases.push({ ...raw, modules: raw.modules ?? [], topic: file.split(sep)[0], file });
    }
  }
  return cases;
}
