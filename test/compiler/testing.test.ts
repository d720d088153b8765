import { runPolicyTests } from '../../services/compiler/testing.js';

const sources = (source: string, data: Record<string, unknown> = {}) => ({
  rego: [{ file: 'p/policy_test.rego', source }],
  data,
});

describe('runPolicyTests', () => {
  it('reports passing, false, undefined and erroring tests with their file and line', async () => {
    const results = await runPolicyTests(
      sources(
        [
          'package p',
          '',
          'allow if input.user == "alice"',
          '',
          'test_alice_allowed if allow with input as {"user": "alice"}',
          'test_bob_allowed if allow with input as {"user": "bob"}',
          'test_false := false',
          'test_conflict := x if {',
          '  some x in [1, 2]',
          '}',
          'test_limit if data.limits.max == 3',
        ].join('\n'),
        { limits: { max: 3 } },
      ),
    );
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(byName['data.p.test_alice_allowed']).toMatchObject({
      passed: true,
      file: 'p/policy_test.rego',
      row: 5,
    });
    expect(byName['data.p.test_bob_allowed']).toMatchObject({ passed: false, failure: 'undefined', row: 6 });
    expect(byName['data.p.test_false']).toMatchObject({ passed: false, failure: 'got false' });
    expect(byName['data.p.test_conflict'].failure).toMatch(/error: .*var assignment conflict/);
    expect(byName['data.p.test_limit'].passed).toBe(true);
  });

  it('filters tests by name', async () => {
    const results = await runPolicyTests(sources('package p\ntest_a := true\ntest_b := true'), {
      filter: /test_b/,
    });
    expect(results.map((r) => r.name)).toEqual(['data.p.test_b']);
  });
});
