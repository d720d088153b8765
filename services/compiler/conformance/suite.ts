import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCases, type ConformanceCase } from './cases.js';
import { runCase, type CaseResult } from './run-case.js';

/** `../shared/opa-conformance/v1` beside the checkout. */
export function defaultCasesDir(): string {
  // From dist/services/compiler/conformance or services/compiler/conformance.
  for (const up of ['../../../../../shared/opa-conformance/v1', '../../../../shared/opa-conformance/v1']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  return fileURLToPath(new URL('../../../../shared/opa-conformance/v1', import.meta.url));
}

/** Checked-in notes of the cases that pass; CI fails when one of them stops passing. */
export const BASELINE_FILE = 'test/compiler/conformance/passing.json';

export function readBaseline(file = BASELINE_FILE): string[] {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : [];
}

export function writeBaseline(results: CaseResult[], file = BASELINE_FILE): void {
  const passing = results
    .filter((r) => r.status === 'pass')
    .map((r) => r.note)
    .sort();
  writeFileSync(file, `${JSON.stringify(passing, null, 1)}\n`);
}

export async function runSuite(
  cases: ConformanceCase[],
  onResult?: (result: CaseResult) => void,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const result = await runCase(c);
    results.push(result);
    onResult?.(result);
  }
  return results;
}

export { loadCases };
