import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { outcome } from './support/table.js';

function valueOf(name: string, args: unknown[]): unknown {
  const o = outcome(name, args);
  if (!('value' in o)) throw new Error(`${name} gave ${JSON.stringify(o)}`);
  return o.value;
}

const jwk = (k: KeyObject) => k.export({ format: 'jwk' });
const pem = (k: KeyObject) => k.export({ format: 'pem', type: 'spki' }) as string;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const ed = generateKeyPairSync('ed25519');
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

const SECRET_JWK = { kty: 'oct', k: Buffer.from('secret').toString('base64url') };

describe('io.jwt signing and verification', () => {
  it.each([
    ['RS256', rsa, 'io.jwt.verify_rs256'],
    ['RS512', rsa, 'io.jwt.verify_rs512'],
    ['PS256', rsa, 'io.jwt.verify_ps256'],
    ['PS384', rsa, 'io.jwt.verify_ps384'],
    ['ES256', ec256, 'io.jwt.verify_es256'],
    ['ES384', ec384, 'io.jwt.verify_es384'],
    ['EdDSA', ed, 'io.jwt.verify_eddsa'],
  ] as const)('%s tokens verify with the PEM public key and a JWK set', (alg, pair, verifier) => {
    const token = valueOf('io.jwt.encode_sign', [
      { alg, typ: 'JWT' },
      { sub: 'alice' },
      jwk(pair.privateKey),
    ]) as string;
    expect(valueOf(verifier, [token, pem(pair.publicKey)])).toBe(true);
    expect(valueOf(verifier, [token, JSON.stringify({ keys: [jwk(pair.publicKey)] })])).toBe(true);
    const [head, body, sig] = token.split('.');
    const forged = `${head}.${Buffer.from('{"sub":"mallory"}').toString('base64url')}.${sig}`;
    expect(valueOf(verifier, [forged, pem(pair.publicKey)])).toBe(false);
    expect(body).toBe(Buffer.from('{"sub":"alice"}').toString('base64url'));
  });

  it('rejects a token signed by another key', () => {
    const token = valueOf('io.jwt.encode_sign', [
      { alg: 'RS256' },
      { a: 1 },
      jwk(otherRsa.privateKey),
    ]) as string;
    expect(valueOf('io.jwt.verify_rs256', [token, pem(rsa.publicKey)])).toBe(false);
    expect(valueOf('io.jwt.verify_es256', [token, pem(ec256.publicKey)])).toBe(false);
  });

  it('signs HS256 deterministically and verifies with the secret', () => {
    const token = valueOf('io.jwt.encode_sign', [{ alg: 'HS256', typ: 'JWT' }, { iss: 'joe' }, SECRET_JWK]);
    expect(token).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJqb2UifQ.' +
        (
          valueOf('io.jwt.encode_sign_raw', [
            '{"alg":"HS256","typ":"JWT"}',
            '{"iss":"joe"}',
            JSON.stringify(SECRET_JWK),
          ]) as string
        ).split('.')[2],
    );
    expect(valueOf('io.jwt.verify_hs256', [token, 'secret'])).toBe(true);
    expect(valueOf('io.jwt.verify_hs256', [token, 'wrong'])).toBe(false);
  });

  it('decodes header, payload and hex signature', () => {
    const token = valueOf('io.jwt.encode_sign_raw', [
      '{"alg":"HS256"}',
      '{"n":1}',
      JSON.stringify(SECRET_JWK),
    ]) as string;
    const [header, payload, sig] = valueOf('io.jwt.decode', [token]) as [unknown, unknown, string];
    expect(header).toEqual({ alg: 'HS256' });
    expect(payload).toEqual({ n: 1 });
    expect(sig).toBe(Buffer.from(token.split('.')[2], 'base64url').toString('hex'));
  });

  it.each([
    ['nodots', 'io.jwt.decode: encoded JWT had no period separators'],
    ['a.b', 'io.jwt.decode: encoded JWT must have 3 sections, found 2'],
    ['a.b.c.d.e', 'io.jwt.decode: JWT is a JWE object, which is not supported'],
  ])('rejects malformed token %s', (token, message) => {
    expect(outcome('io.jwt.decode', [token])).toEqual({ error: message, code: 'eval_builtin_error' });
  });

  it('refuses unknown signing algorithms', () => {
    expect(outcome('io.jwt.encode_sign', [{ alg: 'XX1' }, {}, SECRET_JWK])).toEqual({
      error: 'io.jwt.encode_sign: unknown signature algorithm',
      code: 'eval_builtin_error',
    });
  });
});

describe('io.jwt.decode_verify', () => {
  const NOW = 1_700_000_000;
  const sign = (payload: object, header: object = { alg: 'HS256' }) =>
    valueOf('io.jwt.encode_sign', [header, payload, SECRET_JWK]) as string;
  const verify = (token: string, constraints: object) =>
    valueOf('io.jwt.decode_verify', [token, constraints]) as unknown[];
  const at = { secret: 'secret', time: NOW * 1e9 };

  it.each([
    ['valid', { iss: 'a', exp: NOW + 10, nbf: NOW - 10 }, at, true],
    ['expired', { exp: NOW }, at, false],
    ['not yet valid', { nbf: NOW + 1 }, at, false],
    ['float nbf just passed', { nbf: NOW - 0.001 }, at, true],
    ['issuer matches', { iss: 'a' }, { ...at, iss: 'a' }, true],
    ['issuer differs', { iss: 'b' }, { ...at, iss: 'a' }, false],
    ['issuer missing', {}, { ...at, iss: 'a' }, false],
    ['audience in list', { aud: ['x', 'y'] }, { ...at, aud: 'y' }, true],
    ['audience not asked for', { aud: 'x' }, at, false],
    ['audience required but absent', {}, { ...at, aud: 'x' }, false],
    ['algorithm constraint matches', {}, { ...at, alg: 'HS256' }, true],
    ['algorithm constraint differs', {}, { ...at, alg: 'RS256' }, false],
    ['wrong secret', {}, { ...at, secret: 'nope' }, false],
  ])('%s', (_label, payload, constraints, valid) => {
    const [ok, header, claims] = verify(sign(payload), constraints);
    expect(ok).toBe(valid);
    if (valid) {
      expect(header).toEqual({ alg: 'HS256' });
      expect(claims).toEqual(payload);
    } else {
      expect([header, claims]).toEqual([{}, {}]);
    }
  });

  it('verifies with a certificate constraint and picks the key by kid', () => {
    const token = valueOf('io.jwt.encode_sign', [
      { alg: 'RS256', kid: 'k2' },
      { sub: 'x' },
      jwk(rsa.privateKey),
    ]) as string;
    const keys = {
      keys: [
        { ...jwk(otherRsa.publicKey), kid: 'k1' },
        { ...jwk(rsa.publicKey), kid: 'k2' },
      ],
    };
    expect(verify(token, { cert: JSON.stringify(keys), time: NOW * 1e9 })[0]).toBe(true);
    expect(verify(token, { cert: pem(otherRsa.publicKey) })[0]).toBe(false);
  });

  it('rejects tokens with critical headers it does not understand', () => {
    expect(verify(sign({}, { alg: 'HS256', crit: ['junk'] }), at)[0]).toBe(false);
  });

  it.each([
    [{ exp: 'soon' }, at, 'io.jwt.decode_verify: exp value must be a number'],
    [{}, { secret: 'secret', bogus: 1 }, 'io.jwt.decode_verify: unknown token validation constraint: bogus'],
    [{}, { time: 1 }, 'io.jwt.decode_verify: no key constraint'],
  ])('fails on %j with %j', (payload, constraints, message) => {
    expect(outcome('io.jwt.decode_verify', [sign(payload), constraints])).toEqual({
      error: message,
      code: 'eval_builtin_error',
    });
  });
});
