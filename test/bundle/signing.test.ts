import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  keyMaterial,
  readBundle,
  readTarGz,
  writeBundle,
  writeTarGz,
  type SigningAlgorithm,
  type VerificationOptions,
} from '../../services/bundle/index.js';
import { BundleError } from '../../services/bundle/errors.js';

const enc = new TextEncoder();

function pems(kind: 'rsa' | 'ec') {
  const pair =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const rsa = pems('rsa');
const rsaOther = pems('rsa');
const ec = pems('ec');

const contents = {
  manifest: { revision: 'r1', roots: ['acme'], wasm: [] },
  data: { acme: { admins: ['alice'] } },
  rego: [{ path: '/acme/policy.rego', text: 'package acme\n' }],
};

async function refusal(bytes: Uint8Array, verification?: VerificationOptions): Promise<BundleError> {
  const err = await readBundle(bytes, { verification }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BundleError);
  return err as BundleError;
}

function replaceFile(bytes: Uint8Array, path: string, text: string | undefined, extra?: string): Uint8Array {
  const files = readTarGz(bytes, 't').filter((f) => text !== undefined || f.path !== path);
  const patched = files.map((f) =>
    f.path === path && text !== undefined ? { path, bytes: enc.encode(text) } : f,
  );
  if (extra) patched.splice(1, 0, { path: extra, bytes: enc.encode('x') });
  return writeTarGz(patched);
}

describe('signing and verification', () => {
  const algorithms: [SigningAlgorithm, string, string][] = [
    ['RS256', rsa.privatePem, rsa.publicPem],
    ['ES256', ec.privatePem, ec.publicPem],
    ['HS256', 'shared-secret-of-enough-length', 'shared-secret-of-enough-length'],
  ];

  test.each(algorithms)(
    '%s: a signed bundle verifies and carries OPA claims',
    async (algorithm, priv, pub) => {
      const bytes = await writeBundle(contents, {
        signing: { key: priv, algorithm, keyId: 'k1', scope: 'write', issuer: 'ci' },
      });
      expect(readTarGz(bytes, 't').map((f) => f.path)).toEqual([
        '/data.json',
        '/acme/policy.rego',
        '/.signatures.json',
        '/.manifest',
      ]);
      const bundle = await readBundle(bytes, {
        verification: { key: pub, algorithm, keyId: 'k1', scope: 'write' },
      });
      const token = bundle.signatures!.signatures[0];
      expect(decodeProtectedHeader(token)).toMatchObject({ alg: algorithm, kid: 'k1' });
      const claims = decodeJwt(token);
      expect(claims).toMatchObject({ scope: 'write', iss: 'ci' });
      expect(typeof claims.iat).toBe('number');
      expect(
        (claims.files as { name: string; algorithm: string }[]).map((f) => [f.name, f.algorithm]),
      ).toEqual([
        ['data.json', 'SHA-256'],
        ['acme/policy.rego', 'SHA-256'],
        ['.manifest', 'SHA-256'],
      ]);
    },
  );

  test('unsigned bundle with a key configured', async () => {
    const err = await refusal(await writeBundle(contents), { key: rsa.publicPem });
    expect(err.code).toBe('bundle_signature_missing');
  });

  test('signed bundle with no key configured', async () => {
    const err = await refusal(await writeBundle(contents, { signing: { key: rsa.privatePem } }));
    expect(err.code).toBe('bundle_signature_unexpected');
    expect(err.message).toContain('no verification key is configured');
  });

  test('signed bundle read with verification skipped (tooling)', async () => {
    const bytes = await writeBundle(contents, { signing: { key: rsa.privatePem } });
    await expect(readBundle(bytes, { skipVerification: true })).resolves.toBeDefined();
  });

  test('wrong key', async () => {
    const bytes = await writeBundle(contents, { signing: { key: rsa.privatePem } });
    const err = await refusal(bytes, { key: rsaOther.publicPem });
    expect(err.code).toBe('bundle_signature_invalid');
  });

  test('wrong algorithm configured', async () => {
    const bytes = await writeBundle(contents, { signing: { key: 'secret', algorithm: 'HS256' } });
    expect((await refusal(bytes, { key: rsa.publicPem, algorithm: 'RS256' })).code).toBe(
      'bundle_signature_invalid',
    );
  });

  test('wrong key id', async () => {
    const bytes = await writeBundle(contents, { signing: { key: rsa.privatePem, keyId: 'a' } });
    const err = await refusal(bytes, { key: rsa.publicPem, keyId: 'b' });
    expect(err.code).toBe('bundle_signature_invalid');
    expect(err.message).toContain('key id "a"');
  });

  test('wrong or absent scope', async () => {
    const scoped = await writeBundle(contents, { signing: { key: rsa.privatePem, scope: 'read' } });
    expect((await refusal(scoped, { key: rsa.publicPem, scope: 'write' })).code).toBe(
      'bundle_signature_scope',
    );
    const unscoped = await writeBundle(contents, { signing: { key: rsa.privatePem } });
    expect((await refusal(unscoped, { key: rsa.publicPem, scope: 'write' })).code).toBe(
      'bundle_signature_scope',
    );
  });

  test('a tampered file', async () => {
    const bytes = await writeBundle(contents, { signing: { key: rsa.privatePem } });
    const tampered = replaceFile(bytes, '/data.json', '{"acme": {"admins": ["mallory"]}}');
    const err = await refusal(tampered, { key: rsa.publicPem });
    expect(err.code).toBe('bundle_file_tampered');
    expect(err.message).toContain('"data.json"');
  });

  test('reformatting a JSON file keeps its signature valid (canonical hash)', async () => {
    const bytes = await writeBundle(contents, { signing: { key: rsa.privatePem } });
    const reformatted = replaceFile(bytes, '/data.json', '{ "acme" : { "admins" : [ "alice" ] } }\n');
    await expect(readBundle(reformatted, { verification: { key: rsa.publicPem } })).resolves.toBeDefined();
  });

  test('an extra file', async () => {
    const bytes = await writeBundle(contents, { signing: { key: rsa.privatePem } });
    const err = await refusal(replaceFile(bytes, '', 'x', '/acme/extra.rego'), { key: rsa.publicPem });
    expect(err.code).toBe('bundle_file_unsigned');
    expect(err.message).toContain('"acme/extra.rego"');
  });

  test('a missing file', async () => {
    const bytes = await writeBundle(contents, { signing: { key: rsa.privatePem } });
    const err = await refusal(replaceFile(bytes, '/acme/policy.rego', undefined), { key: rsa.publicPem });
    expect(err.code).toBe('bundle_file_missing');
    expect(err.message).toContain('"acme/policy.rego"');
  });

  test('more than one signature', async () => {
    const bytes = await writeBundle(contents, { signing: { key: rsa.privatePem } });
    const sigs = JSON.parse(
      new TextDecoder().decode(readTarGz(bytes, 't').find((f) => f.path === '/.signatures.json')!.bytes),
    );
    const doubled = replaceFile(
      bytes,
      '/.signatures.json',
      JSON.stringify({ signatures: [sigs.signatures[0], 'x'] }),
    );
    expect((await refusal(doubled, { key: rsa.publicPem })).code).toBe('bundle_signature_invalid');
  });
});

describe('keyMaterial (CLI key values)', () => {
  test('PEM text is used as is, a path is read, an HMAC secret is literal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-keys-'));
    const path = join(dir, 'key.pem');
    writeFileSync(path, rsa.privatePem);
    expect(keyMaterial(rsa.privatePem, 'RS256')).toBe(rsa.privatePem);
    expect(keyMaterial(path, 'ES256')).toBe(rsa.privatePem);
    expect(keyMaterial(path, 'HS256')).toBe(path);
    expect(() => keyMaterial(join(dir, 'missing.pem'), 'RS256')).toThrow(BundleError);
  });
});
