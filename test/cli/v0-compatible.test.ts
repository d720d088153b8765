/**
 * `--v0-compatible` on `portcullis build`, `test` and `eval`: Rego v0
 * policies as OPA 1.x reads them with the same flag (runs the built command
 * line; npm test builds dist/ first).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { readBundle } from '../../services/bundle/index.js';
import { hostBuiltins } from '../../services/compiler/builtins/index.js';

function portcullis(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/portcullis.js', ...args], {
    encoding: 'utf8',
    timeout: 60000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const POLICY_V0 = `package authz
import future.keywords.in

default allow = false

allow { input.user in data.authz.admins }

deny[msg] {
  not allow
  msg := sprintf("%s is not an admin", [input.user])
}
`;

const TESTS_V0 = `package authz

test_admin { allow with input as {"user": "ada"} }

test_deny { deny["bob is not an admin"] with input as {"user": "bob"} }
`;

describe('--v0-compatible', () => {
  let root: string;
  let dir: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'pc-cli-v0-'));
    dir = join(root, 'policy');
    mkdirSync(join(dir, 'authz'), { recursive: true });
    writeFileSync(join(dir, 'authz', 'policy.rego'), POLICY_V0);
    writeFileSync(join(dir, 'authz', 'policy_test.rego'), TESTS_V0);
    writeFileSync(join(dir, 'authz', 'data.json'), '{"admins": ["ada"]}');
    writeFileSync(join(root, 'bob.json'), '{"user": "bob"}');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('test runs v0 tests; without the flag the same files are parse errors', () => {
    const run = portcullis('test', '--v0-compatible', dir);
    expect(run.stdout).toBe('PASS: 2/2\n');
    expect(run.code).toBe(0);
    const strict = portcullis('test', dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('rego_parse_error: `if` keyword is required before rule body');
  });

  it('eval answers a v0 query over v0 policy', () => {
    const run = portcullis(
      'eval',
      '--v0-compatible',
      '-d',
      dir,
      '-i',
      join(root, 'bob.json'),
      'data.authz.deny',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).result[0].expressions[0].value).toEqual(['bob is not an admin']);
  });

  it('build writes rego_version 0 and a module that evaluates as OPA would', async () => {
    const out = join(root, 'bundle.tar.gz');
    const run = portcullis('build', '--v0-compatible', dir, '-e', 'authz/deny', '-o', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const bundle = await readBundle(out);
    expect(bundle.manifest.rego_version).toBe(0);
    const policy = await loadPolicy(bundle.wasm[0].bytes, undefined, hostBuiltins());
    policy.setData(bundle.data);
    expect(policy.evaluate({ user: 'bob' }, 'authz/deny')).toEqual([{ result: ['bob is not an admin'] }]);
    expect(policy.evaluate({ user: 'ada' }, 'authz/deny')).toEqual([{ result: [] }]);
  });
});
