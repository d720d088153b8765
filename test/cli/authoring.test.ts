import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POLICIES_DIR } from '../../services/cli/demo-setup.js';

/*
 * The authoring commands a policy author coming from OPA expects, run as
 * the built command line (npm test builds dist/ first).
 */

function portcullis(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/portcullis.js', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function policyDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pc-author-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('test loads data as opa test does', () => {
  it('reads every .json and .yaml file at its directory path, whatever its name (a conftest layout: policy/ and data/)', () => {
    const dir = policyDir({
      'policy/ports.rego': [
        'package main',
        '',
        'deny contains msg if {',
        '  some port in input.ports',
        '  port in data.services.ports',
        '  msg := sprintf("port %d is not allowed", [port])',
        '}',
        '',
        'test_ssh_denied if count(deny) == 1 with input as {"ports": [22, 443]}',
        'test_teams if data.teams.platform == "ada"',
        '',
      ].join('\n'),
      'data/services.yaml': 'services:\n  ports:\n    - 22\n    - 21\n',
      'data/teams/owners.json': '{"platform": "ada"}',
    });
    const run = portcullis('test', '-v', join(dir, 'policy'), join(dir, 'data'));
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/data\.main\.test_ssh_denied: PASS/);
    expect(run.stdout).toMatch(/data\.main\.test_teams: PASS/);
    expect(run.stdout).toMatch(/^PASS: 2\/2$/m);
    expect(run.code).toBe(0);
  });

  it('prefix:path loads a directory under a data prefix', () => {
    const dir = policyDir({
      'p.rego': 'package p\n\ntest_limit if data.config.limits.max == 3\n',
      'limits/defaults.json': '{"max": 3}',
    });
    const run = portcullis('test', `config:${dir}`);
    expect(run.stdout).toBe('PASS: 1/1\n');
  });

  it('the gateway policy passes from policies/, as the README says', () => {
    const run = portcullis('test', POLICIES_DIR);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^PASS: (\d+)\/\1$/m);
    expect(run.code).toBe(0);
  });

  it('loaded from policies/gateway its data.json sits at data, and the reads of data.gateway are named', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pc-author-')), 'b.tar.gz');
    const build = portcullis('build', join(POLICIES_DIR, 'gateway'), '-e', 'gateway/decision', '-o', out);
    expect(build.code).toBe(0);
    expect(build.stderr).toMatch(
      /^warning: gateway\.rego:\d+:\d+: data\.gateway\.config is read but no loaded data file/m,
    );
    const run = portcullis('test', join(POLICIES_DIR, 'gateway'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^warning: gateway\.rego:\d+:\d+: data\.gateway\.config is read but no loaded data file, rule or package provides it; data\.config exists: a data file is placed at its directory relative to the path given, so load the directory above it$/m,
    );
  });
});

describe('test reports as opa test does', () => {
  const dir = policyDir({
    'authz/policy.rego': 'package authz\n\nallow if input.user == "ada"\n',
    'authz/policy_test.rego': [
      'package authz',
      '',
      'test_ada if allow with input as {"user": "ada"}',
      'test_bob if allow with input as {"user": "bob"}',
      'todo_test_carol if false',
      '',
    ].join('\n'),
  });

  it('lists failures under their file and line, with OPA exit status 2', () => {
    const run = portcullis('test', dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      /^authz\/policy_test\.rego:4:\ndata\.authz\.test_bob: FAIL \(.+\)\n {2}undefined$/m,
    );
    expect(run.stdout).toMatch(/^authz\/policy_test\.rego:5:\ndata\.authz\.todo_test_carol: SKIPPED$/m);
    expect(run.stdout).toMatch(/^PASS: 1\/3\nFAIL: 1\/3\nSKIPPED: 1\/3\n$/m);
    expect(run.stdout).not.toMatch(/test_ada/);
  });

  it('-v lists passing tests, --run filters by full name, -z lets skipped tests pass', () => {
    const verbose = portcullis('test', '-v', '--run', 'test_ada', dir);
    expect(verbose.stdout).toMatch(/^data\.authz\.test_ada: PASS \(.+\)$/m);
    expect(verbose.stdout).not.toMatch(/test_bob/);
    expect(verbose.code).toBe(0);
    const skipped = portcullis('test', '-r', 'carol|ada', dir);
    expect(skipped.code).toBe(2);
    expect(portcullis('test', '-z', '-r', 'carol|ada', dir).code).toBe(0);
  });

  it('--format json prints OPA result objects', () => {
    const run = portcullis('test', '--format', 'json', dir);
    const results = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(results.map((r) => [r.name, r.fail ?? false, r.skip ?? false])).toEqual([
      ['test_ada', false, false],
      ['test_bob', true, false],
      ['todo_test_carol', false, true],
    ]);
    expect(results[0]).toMatchObject({
      package: 'data.authz',
      location: { file: 'authz/policy_test.rego', row: 3, col: 1 },
    });
    expect(typeof results[0].duration).toBe('number');
  });

  it('--bench times each passing test', () => {
    const run = portcullis('test', '--bench', '--benchtime', '20', '--run', 'test_ada', dir);
    expect(run.stdout).toMatch(/^data\.authz\.test_ada\s+\d+\s+\d+ ns\/op$/m);
    expect(run.code).toBe(0);
  });
});

describe('test --coverage', () => {
  // OPA's own example (cmd/test_test.go): p and r never run, q and the test do: 2 of 5 lines.
  const dir = policyDir({
    'test.rego': 'package test\n\np := 1 if {\n\t1 == 1\n}\nq := 2\nr := 3\ntest_q if { q == 2 }\n',
  });

  it("prints OPA's report: covered and not covered ranges per file, the percentage", () => {
    const run = portcullis('test', '--coverage', dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      files: {
        'test.rego': {
          covered: [
            { start: { row: 6 }, end: { row: 6 } },
            { start: { row: 8 }, end: { row: 8 } },
          ],
          not_covered: [
            { start: { row: 3 }, end: { row: 4 } },
            { start: { row: 7 }, end: { row: 7 } },
          ],
          covered_lines: 2,
          not_covered_lines: 3,
          coverage: 40,
        },
      },
      covered_lines: 2,
      not_covered_lines: 3,
      coverage: 40,
    });
  });

  it('--threshold fails with the lines not covered; --format pretty gives coverage per rule', () => {
    const low = portcullis('test', '--coverage', '--threshold', '100', '-v', dir);
    expect(low.code).toBe(2);
    expect(low.stderr).toBe(
      'Code coverage threshold not met: got 40.00 instead of 100.00\nLines not covered:\n\ttest.rego:3-4\n\ttest.rego:7\n',
    );
    const pretty = portcullis('test', '--coverage', '--format', 'pretty', dir);
    expect(pretty.stdout).toMatch(/^ {2}test\.rego:3: data\.test\.p: 0\.00% \(0\/2 lines\)$/m);
    expect(pretty.stdout).toMatch(/^ {2}test\.rego:6: data\.test\.q: 100\.00% \(1\/1 lines\)$/m);
    expect(pretty.stdout).toMatch(/^total: 40\.00%$/m);
  });
});

describe('test --watch', () => {
  it('runs again when a file is saved', async () => {
    const dir = policyDir({ 'p.rego': 'package p\n\ntest_one if 1 == 1\n' });
    const child = spawn(process.execPath, ['bin/portcullis.js', 'test', '--watch', dir], { stdio: 'pipe' });
    let out = '';
    const waiters: { text: RegExp; resolve: () => void }[] = [];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      for (const w of [...waiters]) {
        if (w.text.test(out)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    });
    const seen = (text: RegExp) =>
      new Promise<void>((resolve) => (text.test(out) ? resolve() : waiters.push({ text, resolve })));
    try {
      await seen(/PASS: 1\/1\n\*{80}\nWatching for changes \.\.\.\n/);
      // Saved the way editors do: the new text written aside, then renamed over the file.
      writeFileSync(join(dir, 'p.tmp'), 'package p\n\ntest_one if 1 == 2\n');
      renameSync(join(dir, 'p.tmp'), join(dir, 'p.rego'));
      await seen(/data\.p\.test_one: FAIL[\s\S]*FAIL: 1\/1\n\*{80}\nWatching for changes \.\.\.\n/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});

describe('eval of any query', () => {
  const dir = policyDir({
    'x/policy.rego':
      'package x\n\nallow if input.user in data.x.admins\n\nadmins_count := count(data.x.admins)\n',
    'x/admins.json': '{"admins": ["ada", "grace"]}',
  });
  const input = join(dir, 'input.json');
  writeFileSync(input, '{"user": "ada"}');

  it("answers OPA's result object: each expression's value and text, and the bindings", () => {
    const run = portcullis('eval', '-d', dir, '-i', input, 'data.x.allow == true');
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      result: [
        { expressions: [{ value: true, text: 'data.x.allow == true', location: { row: 1, col: 1 } }] },
      ],
    });
    const iterating = portcullis('eval', '-d', dir, 'some name in data.x.admins; name != "ada"');
    expect(JSON.parse(iterating.stdout).result).toEqual([
      {
        expressions: [
          { value: true, text: 'some name in data.x.admins', location: { row: 1, col: 1 } },
          { value: true, text: 'name != "ada"', location: { row: 1, col: 29 } },
        ],
        bindings: { name: 'grace' },
      },
    ]);
  });

  it('a single expression gives its value even when false; an undefined query gives {}', () => {
    const falsy = portcullis('eval', '-d', dir, 'data.x.admins_count > 5');
    expect(JSON.parse(falsy.stdout).result[0].expressions[0].value).toBe(false);
    const undefinedRun = portcullis('eval', '-d', dir, '--fail', 'data.x.allow');
    expect(undefinedRun.stdout).toBe('{}\n');
    expect(undefinedRun.code).toBe(1);
  });

  it('--format raw, values and bindings', () => {
    expect(portcullis('eval', '-d', dir, '-f', 'raw', 'data.x.admins_count').stdout).toBe('2\n');
    expect(JSON.parse(portcullis('eval', '-f', 'values', 'x := 1 + 2').stdout)).toEqual([[true]]);
    expect(JSON.parse(portcullis('eval', '-f', 'bindings', 'x := 1 + 2').stdout)).toEqual([{ x: 3 }]);
  });
});
