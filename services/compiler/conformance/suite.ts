import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RegoVersion } from '../rego/parser-base.js';
import { loadCases, type ConformanceCase } from './cases.js';
import { runCase, type CaseResult, type RunCaseOptions } from './run-case.js';

/** `../shared/opa-conformance/<v1|v0>` beside the checkout: OPA's suite in that Rego syntax. */
export function defaultCasesDir(regoVersion: RegoVersion = 'v1'): string {
  // Running from dist/services/compiler/conformance, or from the sources.
  const [fromDist, fromSources] = ['../../../../../', '../../../../'].map((up) =>
    fileURLToPath(new URL(`${up}shared/opa-conformance/${regoVersion}`, import.meta.url)),
  );
  return existsSync(fromDist) ? fromDist : fromSources;
}

/**
 * Checked-in notes of the cases that pass, one file per suite; CI fails when
 * one of them stops passing.
 */
export const BASELINE_FILES: Record<RegoVersion, string> = {
  v1: 'test/compiler/conformance/passing.json',
  v0: 'test/compiler/conformance/passing-v0.json',
};
export const BASELINE_FILE = BASELINE_FILES.v1;

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
  options: RunCaseOptions = {},
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const result = await runCase(c, options);
    results.push(result);
    onResult?.(result);
  }
  return results;
}

export { loadCases };
