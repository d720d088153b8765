import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTestsOnce, type TestCommandOptions } from '../../services/cli/test-run.js';

/*
 * print() in `portcullis test` and `eval`, as `opa test` and `opa eval` show
 * it: OPA's WASM target drops print calls, but these commands compile them
 * as calls of the host's internal.print.
 */

const POLICY = [
  'package p',
  '',
  'import rego.v1',
  '',
  'test_prints if {',
  '  x := 1',
  '  print("x is", x, {"a": [1, "b"]}, {2, 1})',
  '  print("missing:", input.nothing)',
  '  x == 1',
  '}',
  '',
  'test_fails if {',
  '  some y in [1, 2]',
  '  print("y =", y)',
  '  y == 3',
  '}',
  '',
  'test_quiet if true',
  '',
].join('\n');

const OPTIONS: TestCommandOptions = { format: 'pretty', threshold: '0', benchtime: '1000' };

function policyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pc-print-'));
  writeFileSync(join(dir, 'p.rego'), POLICY);
  return dir;
}

async function runTests(options: Partial<TestCommandOptions>) {
  let out = '';
  let err = '';
  const code = await runTestsOnce(
    [policyDir()],
    { ...OPTIONS, ...options },
    {
      out: (text) => (out += text),
      err: (text) => (err += text),
    },
  );
  // Durations vary; the layout is what OPA's pretty reporter prints.
  return { code, out: out.replace(/\((\d+(\.\d+)?)(ns|µs|ms|s)\)/g, '(T)'), err };
}

describe('print() in portcullis test', () => {
  it('-v shows what each test printed under it, as opa test -v does', async () => {
    const run = await runTests({ verbose: true });
    expect(run.err).toBe('');
    expect(run.code).toBe(2);
    expect(run.out).toBe(
      [
        'p.rego:5:',
        'data.p.test_prints: PASS (T)',
        '',
        '  x is 1 {"a": [1, "b"]} {1, 2}',
        '  missing: <undefined>',
        '',
        'p.rego:12:',
        'data.p.test_fails: FAIL (T)',
        '',
        '  y = 1',
        '  y = 2',
        '',
        '  undefined',
        'p.rego:18:',
        'data.p.test_quiet: PASS (T)',
        '-'.repeat(80),
        'PASS: 2/3',
        'FAIL: 1/3',
        '',
      ].join('\n'),
    );
  });

  it('without -v shows the output of failing tests only', async () => {
    const run = await runTests({});
    expect(run.out).toContain('data.p.test_fails: FAIL (T)\n\n  y = 1\n  y = 2\n\n');
    expect(run.out).not.toContain('x is 1');
  });

  it('--format json carries it base64-encoded, as Go encodes bytes', async () => {
    const run = await runTests({ format: 'json' });
    const results = JSON.parse(run.out) as { name: string; output?: string }[];
    const byName = Object.fromEntries(results.map((r) => [r.name, r.output]));
    expect(Buffer.from(byName.test_prints!, 'base64').toString()).toBe(
      'x is 1 {"a": [1, "b"]} {1, 2}\nmissing: <undefined>\n',
    );
    expect(byName.test_quiet).toBeUndefined();
  });
});

describe('print() in portcullis eval', () => {
  it('goes to stderr, the answer to stdout, as opa eval does', () => {
    const dir = policyDir();
    writeFileSync(
      join(dir, 'q.rego'),
      'package q\n\nallow if {\n  print("checking", input.user)\n  input.user == "ada"\n}\n',
    );
    const input = join(dir, 'input.json');
    writeFileSync(input, '{"user": "ada"}');
    const run = spawnSync(
      process.execPath,
      [
        'bin/portcullis.js',
        'eval',
        '-d',
        join(dir, 'q.rego'),
        '-i',
        input,
        '--format',
        'values',
        'print("query"); data.q.allow',
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.stderr).toBe('query\nchecking ada\n');
    expect(JSON.parse(run.stdout)).toEqual([[true, true]]);
    expect(run.status).toBe(0);
  });
});
