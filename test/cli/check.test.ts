import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POLICIES_DIR } from '../../services/cli/demo-setup.js';

/** Runs `portcullis check` from the built command line (npm test builds dist/ first). */
function check(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/portcullis.js', 'check', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function policy(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pc-check-'));
  writeFileSync(join(dir, 'p.rego'), source);
  return dir;
}

describe('portcullis check', () => {
  it('is silent on a valid policy (the gateway policy)', () => {
    const run = check(POLICIES_DIR);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('reports parse, compile and type errors as OPA does, exit 1', () => {
    const parse = check(policy('package p\n\nallow if {\n'));
    expect(parse.code).toBe(1);
    expect(parse.stderr).toMatch(
      /^1 error occurred: .*p\.rego:\d+:\d+: rego_parse_error: unexpected eof token/,
    );
    const types = check(policy('package p\n\nbad if count(5)\n'));
    expect(types.code).toBe(1);
    expect(types.stderr).toMatch(/p\.rego:3:8: rego_type_error: count: invalid argument\(s\)/);
  });

  it("--strict adds OPA's strict checks", () => {
    const dir = policy('package p\n\nimport data.unused\n\nallow if {\n\tx := 1\n\tinput.y == 2\n}\n');
    expect(check(dir).code).toBe(0);
    const strict = check('--strict', dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/p\.rego:3:1: rego_compile_error: import data\.unused unused/);
    expect(strict.stderr).toMatch(/p\.rego:6:2: rego_compile_error: assigned var x unused/);
  });

  it("--format json prints the errors in OPA's shape", () => {
    const run = check('--format', 'json', policy('package p\n\nallow if {\n'));
    const { errors } = JSON.parse(run.stderr) as { errors: Record<string, unknown>[] };
    expect(errors[0]).toMatchObject({
      code: 'rego_parse_error',
      location: { file: expect.stringMatching(/p\.rego$/) },
    });
  });
});
