import { POLICIES_DIR } from '../../services/cli/demo-setup.js';
import { readPolicySources } from '../../services/compiler/project.js';
import { runPolicyTests } from '../../services/compiler/testing.js';

describe('policies/ Rego unit tests', () => {
  it('every test_* rule of the gateway policy passes', async () => {
    const results = await runPolicyTests(readPolicySources([POLICIES_DIR]));
    expect(results.filter((r) => r.name.startsWith('data.gateway')).length).toBeGreaterThan(10);
    expect(
      results.filter((r) => !r.passed).map((r) => `${r.name} (${r.file}:${r.row}): ${r.failure}`),
    ).toEqual([]);
  });
});
