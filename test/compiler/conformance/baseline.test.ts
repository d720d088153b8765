import {
  defaultCasesDir,
  loadCases,
  readBaseline,
  runSuite,
} from '../../../services/compiler/conformance/suite.js';

/**
 * Every conformance case that passed when the baseline was last written
 * (`npm run conformance -- --update-baseline`) must still pass.
 */
const baseline = new Set(readBaseline());
const cases = loadCases(defaultCasesDir()).filter((c) => baseline.has(c.note));
const topics = [...new Set(cases.map((c) => c.topic))];

describe('OPA conformance baseline', () => {
  it('finds every baseline case in the suite', () => {
    const found = new Set(cases.map((c) => c.note));
    expect([...baseline].filter((note) => !found.has(note))).toEqual([]);
    expect(baseline.size).toBeGreaterThanOrEqual(1100);
  });

  it.each(topics)('%s: cases that passed still pass', async (topic) => {
    const results = await runSuite(cases.filter((c) => c.topic === topic));
    const regressions = results.filter((r) => r.status !== 'pass').map((r) => `${r.note}: ${r.reason}`);
    expect(regressions).toEqual([]);
  });
});
