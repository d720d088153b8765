import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundle } from '../../services/bundle/index.js';

/** Runs the built command line (npm test builds dist/ first). */
function portcullis(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/portcullis.js', ...args], {
    encoding: 'utf8',
    timeout: 60000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function policyDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pc-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('portcullis build / test / eval', () => {
  const dir = policyDir({
    'authz/policy.rego':
      'package authz\n\ndefault allow := false\n\nallow if input.user in data.authz.admins\n',
    'authz/policy_test.rego': 'package authz\n\ntest_admin if allow with input as {"user": "ada"}\n',
    'authz/data.json': '{"admins": ["ada"]}',
  });

  it('build writes an OPA-layout bundle that reads back with its manifest, data and wasm', async () => {
    const out = join(dir, 'out', 'bundle.tar.gz');
    const run = portcullis('build', dir, '-e', 'authz/allow', '-o', out, '--revision', 'r1');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const bundle = await readBundle(out);
    expect(bundle.manifest).toMatchObject({
      revision: 'r1',
      roots: [''],
      wasm: [{ entrypoint: 'authz/allow', module: '/policy.wasm' }],
      rego_version: 1,
    });
    expect(bundle.data).toEqual({ authz: { admins: ['ada'] } });
    expect(bundle.rego.map((r) => r.path).sort()).toEqual(['/authz/policy.rego', '/authz/policy_test.rego']);
    expect(bundle.wasm[0].bytes.length).toBeGreaterThan(1000);
  });

  it('build -t plan writes the IR as JSON', () => {
    const out = join(dir, 'plan.json');
    expect(portcullis('build', dir, '-e', 'data.authz.allow', '-t', 'plan', '-o', out).code).toBe(0);
    const plan = JSON.parse(readFileSync(out, 'utf8'));
    expect(plan.plans.plans.map((p: { name: string }) => p.name)).toEqual(['authz/allow']);
    expect(plan.static.files.length).toBeGreaterThan(0);
  });

  it('reports compile errors as file:line:col lines, exit 1, no stack trace', () => {
    const bad = policyDir({ 'p.rego': 'package p\n\nallow if {\n  x := 1\n  x := 2\n}\n\ndeny if y\n' });
    const run = portcullis('build', bad, '-e', 'p/allow', '-o', join(bad, 'b.tar.gz'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/p\.rego:\d+:\d+: rego_\w+_error: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('test passes and fails with the right exit code', () => {
    const passing = portcullis('test', dir);
    expect(passing.stdout).toBe('PASS: 1/1\n');
    expect(passing.code).toBe(0);
    const failing = policyDir({ 'p.rego': 'package p\n\ntest_no := false\n' });
    const run = portcullis('test', failing);
    // OPA's exit status for failing tests.
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      /^p\.rego:3:\ndata\.p\.test_no: FAIL \(\d[\d.]*(ns|µs|ms)\)\n {2}got false\n-{80}\nFAIL: 1\/1\n$/,
    );
  });

  it('eval prints the result set for an input', () => {
    const input = join(dir, 'input.json');
    writeFileSync(input, '{"user": "ada"}');
    const run = portcullis('eval', dir, '-e', 'authz/allow', '--input', input);
    expect(JSON.parse(run.stdout)).toEqual([{ result: true }]);
  });
});
