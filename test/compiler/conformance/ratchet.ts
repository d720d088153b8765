import type { RegoVersion } from '../../../services/compiler/rego/parser-base.js';
import {
  BASELINE_FILES,
  defaultCasesDir,
  loadCases,
  readBaseline,
  runSuite,
} from '../../../services/compiler/conformance/suite.js';

/**
 * The ratchet for one suite: every conformance case that passed when its
 * baseline was last written (`npm run conformance -- [--v0-compatible]
 * --update-baseline`) must still pass, read in that suite's Rego syntax.
 */
export function describeRatchet(regoVersion: RegoVersion, minimum: number): void {
  // Notes repeat in OPA's suites: the baseline lists a note once per passing case.
  const baseline = readBaseline(BASELINE_FILES[regoVersion]);
  const wanted = new Map<string, number>();
  for (const note of baseline) wanted.set(note, (wanted.get(note) ?? 0) + 1);
  const cases = loadCases(defaultCasesDir(regoVersion)).filter((c) => wanted.has(c.note));
  const topics = [...new Set(cases.map((c) => c.topic))];

  describe(`OPA conformance baseline (${regoVersion} suite)`, () => {
    it('finds every baseline case in the suite', () => {
      const found = new Set(cases.map((c) => c.note));
      expect([...wanted.keys()].filter((note) => !found.has(note))).toEqual([]);
      expect(baseline.length).toBeGreaterThanOrEqual(minimum);
    });

    it.each(topics)('%s: cases that passed still pass', async (topic) => {
      const results = await runSuite(
        cases.filter((c) => c.topic === topic),
        undefined,
        { regoVersion },
      );
      const passing = new Map<string, number>();
      for (const r of results) if (r.status === 'pass') passing.set(r.note, (passing.get(r.note) ?? 0) + 1);
      const regressions = results
        .filter((r) => r.status !== 'pass' && (passing.get(r.note) ?? 0) < (wanted.get(r.note) ?? 0))
        .map((r) => `${r.note}: ${r.reason}`);
      expect(regressions).toEqual([]);
    });
  });
}
