import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/*
 * `portcullis test` and `eval` keep compiled modules in a content-addressed
 * cache (PORTCULLIS_CACHE_DIR): a second run of unchanged sources answers
 * the same without loading the compiler. Run as the built command line.
 */

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** A loader hook that lists every module the command loads, in `PC_LOADED`. */
function moduleRecorder(): string {
  const dir = tmp('pc-hooks-');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    [
      "import { appendFileSync } from 'node:fs';",
      'export async function load(url, context, next) {',
      '  appendFileSync(process.env.PC_LOADED, `${url}\\n`);',
      '  return next(url, context);',
      '}',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
  );
  return join(dir, 'register.mjs');
}

function portcullis(args: string[], env: Record<string, string>, recorder?: string) {
  const loaded = join(tmp('pc-loaded-'), 'modules.txt');
  const result = spawnSync(
    process.execPath,
    [...(recorder ? ['--import', recorder] : []), 'bin/portcullis.js', ...args],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env, PC_LOADED: loaded } },
  );
  return {
    code: result.status,
    // Durations vary from run to run.
    stdout: result.stdout.replace(/\((\d+(\.\d+)?)(ns|µs|ms|s)\)/g, '(T)'),
    stderr: result.stderr,
    modules: existsSync(loaded) ? readFileSync(loaded, 'utf8').split('\n') : [],
  };
}

function entries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .flatMap((d) => readdirSync(join(dir, d)));
}

function policyDir(): string {
  const dir = tmp('pc-cached-');
  mkdirSync(join(dir, 'p'));
  writeFileSync(
    join(dir, 'p', 'policy.rego'),
    [
      'package p',
      '',
      'allow if {',
      '  print("user", input.user)',
      '  input.user in data.p.admins',
      '}',
      '',
      'limit := data.p.limits.max',
      '',
      'test_ada if allow with input as {"user": "ada"}',
      'test_upper if upper("a") == "A"',
      '',
    ].join('\n'),
  );
  // data.p.limits is read but nothing provides it: both runs must warn.
  writeFileSync(join(dir, 'p', 'data.json'), '{"admins": ["ada"]}');
  writeFileSync(join(dir, 'input.json'), '{"user": "ada"}');
  return dir;
}

const usesCompiler = (modules: string[]) =>
  modules.some((url) =>
    /\/vendor\/binaryen\/|\/node_modules\/binaryen\/|\/compiler\/rego\/parser\.js$/.test(url),
  );

describe('the compile cache of test and eval', () => {
  it('a second `test` answers the same, warnings included, without loading the compiler', () => {
    const cache = tmp('pc-cache-');
    const dir = policyDir();
    const recorder = moduleRecorder();
    const first = portcullis(['test', '-v', dir], { PORTCULLIS_CACHE_DIR: cache }, recorder);
    const second = portcullis(['test', '-v', dir], { PORTCULLIS_CACHE_DIR: cache }, recorder);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/data\.p\.test_ada: PASS \(T\)\n\n {2}user ada\n/);
    expect(first.stderr).toMatch(/data\.p\.limits\.max is read but no loaded data file/);
    expect(second).toEqual({ ...first, modules: second.modules });
    expect(entries(cache)).toHaveLength(1);
    expect(usesCompiler(first.modules)).toBe(true);
    expect(usesCompiler(second.modules)).toBe(false);
  });

  it('a second `eval` answers the same, print output included', () => {
    const cache = tmp('pc-cache-');
    const dir = policyDir();
    const args = ['eval', '-d', dir, '-i', join(dir, 'input.json'), 'data.p.allow; x := data.p.limit'];
    const first = portcullis(args, { PORTCULLIS_CACHE_DIR: cache });
    const second = portcullis(args, { PORTCULLIS_CACHE_DIR: cache });
    expect(first.stderr).toMatch(/^warning: .*data\.p\.limits\.max is read/m);
    expect(first.stderr).toMatch(/^user ada$/m);
    expect(JSON.parse(first.stdout)).toEqual({});
    expect(second).toEqual(first);
    const entrypoint = portcullis(['eval', '-e', 'p/allow', dir, '-i', join(dir, 'input.json')], {
      PORTCULLIS_CACHE_DIR: cache,
    });
    expect(JSON.parse(entrypoint.stdout)).toEqual([{ result: true }]);
    expect(entries(cache)).toHaveLength(2);
  });

  it('a damaged entry compiles again and answers as the first run did', () => {
    const cache = tmp('pc-cache-');
    const dir = policyDir();
    const first = portcullis(['test', '-v', dir], { PORTCULLIS_CACHE_DIR: cache });
    const [entry] = entries(cache);
    const file = join(cache, entry.slice(0, 2), entry);
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(file, bytes);
    const again = portcullis(['test', '-v', dir], { PORTCULLIS_CACHE_DIR: cache });
    expect(again).toEqual(first);
    // The damaged entry was replaced by a good one.
    expect(readFileSync(file).equals(bytes)).toBe(false);
    expect(portcullis(['test', '-v', dir], { PORTCULLIS_CACHE_DIR: cache })).toEqual(first);
  });

  it('an edit compiles again; PORTCULLIS_CACHE_DIR=off keeps nothing', () => {
    const cache = tmp('pc-cache-');
    const dir = policyDir();
    portcullis(['test', dir], { PORTCULLIS_CACHE_DIR: cache });
    const file = join(dir, 'p', 'policy.rego');
    writeFileSync(file, readFileSync(file, 'utf8').replace('upper("a") == "A"', 'upper("a") == "B"'));
    const edited = portcullis(['test', dir], { PORTCULLIS_CACHE_DIR: cache });
    expect(edited.code).toBe(2);
    expect(edited.stdout).toMatch(/data\.p\.test_upper: FAIL/);
    expect(entries(cache)).toHaveLength(2);
    const off = join(tmp('pc-cache-'), 'never');
    expect(portcullis(['test', dir], { PORTCULLIS_CACHE_DIR: 'off', XDG_CACHE_HOME: off }).code).toBe(2);
    expect(existsSync(off)).toBe(false);
  });
});
