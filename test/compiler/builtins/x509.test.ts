/**
 * Certificate builtins on the certificates and keys shipped with OPA's
 * conformance cases (read from ../shared/opa-conformance at test time).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { outcome } from './support/table.js';
import { CONFORMANCE_DIR } from './support/conformance-calls.js';
import { LiteralReader } from './support/rego-literals.js';

interface Case {
  note: string;
  input?: { cert: string; key: string };
  want_result?: { x: unknown }[];
}

function cases(file: string): Case[] {
  return (parse(readFileSync(join(CONFORMANCE_DIR, file), 'utf8')) as { cases: Case[] }).cases;
}

const keypair = cases('cryptox509parsekeypair/test-cryptox509parsekeypairs-0118.yaml')[0];
const { cert, key } = keypair.input as { cert: string; key: string };

function valueOf(name: string, args: unknown[]): unknown {
  const o = outcome(name, args);
  if (!('value' in o)) throw new Error(`${name} gave ${JSON.stringify(o)}`);
  return o.value;
}

describe('x509 builtins', () => {
  it('parses a PEM key pair into DER certificates, as OPA does', () => {
    const pair = valueOf('crypto.x509.parse_keypair', [cert, key]) as { Certificate: string[] };
    expect(pair.Certificate[0]).toBe(keypair.want_result?.[0].x);
  });

  it('accepts the key pair base64-encoded too', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const pair = valueOf('crypto.x509.parse_keypair', [b64(cert), b64(key)]) as { Certificate: string[] };
    expect(pair.Certificate[0]).toBe(keypair.want_result?.[0].x);
  });

  it('parses certificates from PEM, base64 PEM and base64 DER alike', () => {
    const fromPem = valueOf('crypto.x509.parse_certificates', [cert]) as { Subject: object; Raw: string }[];
    const fromB64Pem = valueOf('crypto.x509.parse_certificates', [Buffer.from(cert).toString('base64')]);
    const fromDer = valueOf('crypto.x509.parse_certificates', [fromPem[0].Raw]);
    expect(fromB64Pem).toEqual(fromPem);
    expect(fromDer).toEqual(fromPem);
    expect(fromPem[0].Subject).toHaveProperty('CommonName');
  });

  it('reports malformed input as OPA does', () => {
    expect(outcome('crypto.x509.parse_certificates', ['bm90IGEgY2VydA=='])).toEqual({
      error: 'crypto.x509.parse_certificates: x509: malformed certificate',
      code: 'eval_builtin_error',
    });
    expect(outcome('crypto.x509.parse_certificates', ['not base64!'])).toEqual({
      error: 'crypto.x509.parse_certificates: illegal base64 data at input byte 3',
      code: 'eval_builtin_error',
    });
  });

  it('rejects a lone self-signed certificate as a chain', () => {
    expect(valueOf('crypto.x509.parse_and_verify_certificates', [cert])).toEqual([false, []]);
  });

  it('reads private keys as JWKs', () => {
    const keys = valueOf('crypto.parse_private_keys', [key]) as { kty: string }[];
    expect(keys.map((k) => k.kty)).toEqual([expect.stringMatching(/^(RSA|EC|OKP)$/)]);
    expect(valueOf('crypto.parse_private_keys', [''])).toBeNull();
    expect(valueOf('crypto.parse_private_keys', ['nope'])).toEqual([]);
  });
});

describe('crypto.x509.parse_certificate_request', () => {
  const csrCases = [125, 126, 127, 128, 129].map((n) => {
    const c = cases(
      `cryptox509parsecertificaterequest/test-cryptox509parsecertificaterequest-0${n}.yaml`,
    )[0] as Case & {
      modules: string[];
      want_error?: string;
    };
    const at = c.modules[0].indexOf('csr := ');
    return { ...c, csr: new LiteralReader(c.modules[0].slice(at + 7)).value() as string };
  });

  it.each(csrCases.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    const got = outcome('crypto.x509.parse_certificate_request', [c.csr]);
    if (c.want_error) {
      expect(got).toHaveProperty('code', 'eval_builtin_error');
      expect('error' in got && got.error).toContain(c.want_error);
    } else {
      expect('value' in got && (got.value as { Subject: { CommonName: string } }).Subject.CommonName).toBe(
        c.want_result?.[0].x,
      );
    }
  });
});

describe('crypto.x509.parse_and_verify_certificates', () => {
  // The root → intermediate → leaf chain of OPA's own case (a raw string in its v0 module).
  const source = (
    parse(
      readFileSync(
        join(
          CONFORMANCE_DIR,
          '..',
          'v0',
          'cryptox509parseandverifycertificates',
          'test-cryptox509parseandverifycertificates.yaml',
        ),
        'utf8',
      ),
    ) as { cases: { note: string; modules: string[] }[] }
  ).cases.find((c) => c.note.endsWith('/base_case'))!.modules[0];
  const chain = /certs := `([^`]+)`/.exec(source)![1];

  it('answers the verified chain leaf first, as Go builds it', () => {
    const [valid, certs] = valueOf('crypto.x509.parse_and_verify_certificates', [chain]) as [
      boolean,
      { Subject: { CommonName: string } }[],
    ];
    expect(valid).toBe(true);
    expect(certs.map((c) => c.Subject.CommonName)).toEqual([
      'notarealsite.opa.localhost',
      'OPA Test Intermediate CA',
      'OPA Test Root CA',
    ]);
  });
});
