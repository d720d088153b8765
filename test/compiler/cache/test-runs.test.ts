import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompileCache } from '../../../services/compiler/cache/index.js';
import { missingDataReadsIn } from '../../../services/compiler/data-refs.js';
import { runPolicyTestSuite, type PolicyTestRun } from '../../../services/compiler/testing.js';

/* runPolicyTestSuite with a compile cache: the second run of the same sources reads the module back. */

const POLICY = [
  'package p',
  '',
  'allow if input.user == data.admins[_]',
  '',
  'test_admin if allow with input as {"user": "ada"}',
  'test_other if allow with input as {"user": "bob"}',
  'test_regex if regex.match("^a", "ab")',
  'test_reads_missing if not data.nowhere.flag',
  'todo_test_later if false',
  '',
].join('\n');

const sources = (source = POLICY) => ({
  rego: [{ file: 'p.rego', source }],
  data: { admins: ['ada'] },
});

const cacheDir = () => mkdtempSync(join(tmpdir(), 'pc-test-cache-'));
const entries = (dir: string) =>
  readdirSync(dir)
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .flatMap((d) => readdirSync(join(dir, d)));

/** What a run reports, without its timings. */
const report = (run: PolicyTestRun) => ({
  results: run.results.map(({ ms: _ms, ...rest }) => rest),
  missing: missingDataReadsIn(run.dataReads, { admins: ['ada'] }),
});

describe('test runs through the compile cache', () => {
  it('the second run of the same sources comes from the cache and reports the same', async () => {
    const dir = cacheDir();
    const cache = new CompileCache({ dir });
    const first = await runPolicyTestSuite(sources(), { cache });
    const second = await runPolicyTestSuite(sources(), { cache });
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(report(second)).toEqual(report(first));
    expect(report(first).results.map((r) => r.status)).toEqual(['pass', 'fail', 'pass', 'pass', 'skip']);
    expect(report(first).missing.map((m) => m.path)).toEqual([['nowhere', 'flag']]);
    expect(entries(dir)).toHaveLength(1);
  });

  it('a change to a source, a filter or print makes a new entry; coverage runs are never cached', async () => {
    const dir = cacheDir();
    const cache = new CompileCache({ dir });
    await runPolicyTestSuite(sources(), { cache });
    const edited = await runPolicyTestSuite(sources(POLICY.replace('"bob"', '"ada"')), { cache });
    expect(edited.fromCache).toBe(false);
    expect(edited.results.find((r) => r.name === 'data.p.test_other')?.status).toBe('pass');
    expect((await runPolicyTestSuite(sources(), { cache, filter: /admin/ })).fromCache).toBe(false);
    expect((await runPolicyTestSuite(sources(), { cache, print: false })).fromCache).toBe(false);
    expect(entries(dir)).toHaveLength(4);
    const covered = await runPolicyTestSuite(sources(), { cache, coverage: true });
    expect(covered.fromCache).toBe(false);
    expect(covered.coverage?.coverage).toBeGreaterThan(0);
    expect(entries(dir)).toHaveLength(4);
  });

  it('keeps a run with nothing to compile (every test skipped) too', async () => {
    const cache = new CompileCache({ dir: cacheDir() });
    const only = sources('package p\n\ntodo_test_a if false\n');
    await runPolicyTestSuite(only, { cache });
    const again = await runPolicyTestSuite(only, { cache });
    expect(again.fromCache).toBe(true);
    expect(again.results.map((r) => r.status)).toEqual(['skip']);
  });

  it('a compile error is not cached: it is reported again', async () => {
    const dir = cacheDir();
    const cache = new CompileCache({ dir });
    const broken = sources('package p\n\ntest_x if count(5) == 1\n');
    await expect(runPolicyTestSuite(broken, { cache })).rejects.toThrow(/count/);
    await expect(runPolicyTestSuite(broken, { cache })).rejects.toThrow(/count/);
    expect(entries(dir)).toHaveLength(0);
  });
});
