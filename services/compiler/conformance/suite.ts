import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCases, type ConformanceCase } from './cases.js';
import { runCase, type CaseResult } from './run-case.js';

/** `../shared/opa-conformance/v1` beside the checkout. */
export function defaultCasesDir(): string {
  // Running from dist/services/compiler/conformance, or from the sources.
  const [fromDist, fromSources] = ['../../../../../', '../../../../'].map((up) =>
    fileURLToPath(new URL(`${up}shared/opa-conformance/v1`, import.meta.url)),
  );
  return existsSync(fromDist) ? fromDist : fromSources;
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
