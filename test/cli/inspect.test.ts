import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs the built command line (npm test builds dist/ first). */
function portcullis(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/portcullis.js', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const POLICY = `# METADATA
# title: Authorisation
# description: Who may do what.
package authz

# METADATA
# title: Allow
# entrypoint: true
# authors:
# - Ada <ada@example.com>
allow if input.user in data.authz.admins
`;

describe('portcullis inspect', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pc-inspect-'));
  mkdirSync(join(dir, 'src', 'authz'), { recursive: true });
  writeFileSync(join(dir, 'src', 'authz', 'policy.rego'), POLICY);
  writeFileSync(join(dir, 'src', 'authz', 'data.json'), '{"admins": ["ada"]}');
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  writeFileSync(join(dir, 'key.pem'), key);
  const bundle = join(dir, 'authz.tar.gz');
  const built = portcullis(
    'build',
    join(dir, 'src'),
    '-e',
    'authz/allow',
    '-o',
    bundle,
    '-r',
    'rev-7',
    '--signing-key',
    join(dir, 'key.pem'),
    '--signing-kid',
    'release-key',
    '--scope',
    'prod',
  );

  it("answers OPA's JSON shape: manifest, namespaces, wasm modules, signatures, annotations", () => {
    expect(built.code).toBe(0);
    const run = portcullis('inspect', bundle, '--format', 'json', '-a');
    expect(run.stderr).toBe('');
    const info = JSON.parse(run.stdout);
    expect(info.manifest).toMatchObject({ revision: 'rev-7', roots: [''], rego_version: 1 });
    expect(info.namespaces).toEqual({
      data: ['/data.json'],
      'data.authz': ['/authz/policy.rego'],
      'data.authz.allow': ['/policy.wasm'],
    });
    expect(info.wasm_modules).toEqual([
      { path: '/policy.wasm', url: '/policy.wasm', entrypoints: ['data.authz.allow'] },
    ]);
    expect(info.signatures_config.signatures).toHaveLength(1);
    expect(info.signatures).toEqual([{ algorithm: 'RS256', keyid: 'release-key', scope: 'prod', files: 4 }]);
    expect(info.annotated_entrypoints).toEqual(['data.authz.allow']);
    expect(info.annotations.map((a: { path: { value: string }[] }) => a.path.map((p) => p.value))).toEqual([
      ['data', 'authz'],
      ['data', 'authz', 'allow'],
    ]);
    expect(info.annotations[1]).toMatchObject({
      annotations: { title: 'Allow', entrypoint: true, authors: [{ name: 'Ada', email: 'ada@example.com' }] },
      location: { file: '/authz/policy.rego', row: 6 },
    });
  });

  it('prints tables for a person, and annotations with -a', () => {
    const run = portcullis('inspect', bundle, '-a');
    expect(run.stdout).toMatch(/^MANIFEST:\n\+-+\+-+\+\n\| +FIELD +\| +VALUE +\|/);
    expect(run.stdout).toMatch(/^\| Revision +\| rev-7 +\|$/m);
    expect(run.stdout).toMatch(/^\| data\.authz\.allow +\| \/policy\.wasm +\|$/m);
    expect(run.stdout).toMatch(/^SIGNATURES \(not verified\):$/m);
    expect(run.stdout).toMatch(/^\| RS256 +\| release-key +\| prod +\| +\| 4 +\|$/m);
    expect(run.stdout).toMatch(/^Allow\n=====\n\nRule: +authz\.allow\nLocation: \/authz\/policy\.rego:6$/m);
    expect(portcullis('inspect', bundle).stdout).not.toMatch(/ANNOTATIONS/);
  });

  it('reads a bundle directory too, and names what is missing', () => {
    writeFileSync(join(dir, 'src', '.manifest'), JSON.stringify({ revision: 'dir-1', roots: ['authz'] }));
    const run = portcullis('inspect', join(dir, 'src'), '-f', 'json');
    expect(JSON.parse(run.stdout).manifest).toMatchObject({ revision: 'dir-1', roots: ['authz'] });
    const missing = portcullis('inspect', join(dir, 'nosuch.tar.gz'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^portcullis: bundle_unreadable: /);
  });
});
