import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `portcullis fmt` from the built command line (npm test builds dist/ first). */
function portcullis(args: string[], stdin?: string) {
  const result = spawnSync(process.execPath, ['bin/portcullis.js', 'fmt', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    input: stdin,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const MESSY = 'package p\nallow   if {   input.user == "ada" }\n';
const TIDY = 'package p\n\nallow if input.user == "ada"\n';

describe('portcullis fmt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pc-fmt-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'messy.rego'), MESSY);
  writeFileSync(join(dir, 'sub', 'tidy.rego'), TIDY);

  it('prints formatted files, and reads stdin without paths', () => {
    expect(portcullis([join(dir, 'messy.rego')]).stdout).toBe(TIDY);
    expect(portcullis([], MESSY).stdout).toBe(TIDY);
  });

  it('--list names the files that would change, --fail makes that exit 2', () => {
    const listed = portcullis(['--list', dir]);
    expect(listed.stdout).toBe(`${join(dir, 'messy.rego')}\n`);
    expect(listed.code).toBe(0);
    expect(portcullis(['--list', '--fail', dir]).code).toBe(2);
    expect(portcullis(['--list', '--fail', join(dir, 'sub')]).code).toBe(0);
  });

  it('--diff prints a unified diff', () => {
    const run = portcullis(['--diff', join(dir, 'messy.rego')]);
    expect(run.stdout).toBe(
      `--- a/${join(dir, 'messy.rego')}\n+++ b/${join(dir, 'messy.rego')}\n@@ -1,2 +1,3 @@\n package p\n-allow   if {   input.user == "ada" }\n+\n+allow if input.user == "ada"\n`,
    );
  });

  it('--write rewrites only the files that change; a file that does not parse is reported, exit 1', () => {
    expect(portcullis(['--write', dir]).code).toBe(0);
    expect(readFileSync(join(dir, 'messy.rego'), 'utf8')).toBe(TIDY);
    writeFileSync(join(dir, 'broken.rego'), 'package p\n\nallow if {\n');
    const broken = portcullis(['--list', dir]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.rego:\d+:\d+: rego_parse_error/);
  });
});
