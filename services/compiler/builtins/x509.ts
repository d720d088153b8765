/**
 * Certificate and private-key builtins (OPA `crypto.go`) on node:crypto's
 * X509Certificate. Certificates are returned with the most used fields of
 * Go's `x509.Certificate` JSON (Subject, Issuer, SerialNumber, validity,
 * SANs, IsCA, Raw); fields needing a full ASN.1 walk are left out.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { BuiltinFailure } from './errors.js';
import { decodeBase64Std } from './encoding.js';
import { children, expectTag, oidText, readDer, stringValue, integerValue } from './asn1.js';
import type { Der } from './asn1.js';
import { pemBlock } from './keys.js';
import { numberOperand, objectOperand, stringOperand } from './operands.js';
import { register } from './registry.js';
import { normalizeInt } from './numbers.js';
import type { ObjectValue, Value } from './values.js';

function pemBlocks(text: string): { type: string; der: Buffer }[] {
  const blocks: { type: string; der: Buffer }[] = [];
  let rest = text;
  for (let b = pemBlock(rest); b; b = pemBlock(rest)) {
    blocks.push({ type: b.type, der: b.der });
    rest = b.rest;
  }
  return blocks;
}

/** DER certificates from PEM text, base64 PEM, or base64 DER (a chain is DERs back to back). */
function certificateDers(input: string): Buffer[] {
  let text = input;
  if (!text.startsWith('-----BEGIN')) {
    const decoded = decodeBase64Std(text);
    if (!decoded.subarray(0, 10).toString('latin1').startsWith('-----BEGIN')) return splitDerChain(decoded);
    text = decoded.toString('utf8');
  }
  return pemBlocks(text)
    .filter((b) => b.type === 'CERTIFICATE')
    .map((b) => b.der);
}

/** Splits concatenated DER SEQUENCEs by their length headers. */
function splitDerChain(der: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  while (i < der.length) {
    if (der[i] !== 0x30 || i + 2 > der.length) throw new BuiltinFailure('x509: malformed certificate');
    let len = der[i + 1];
    let header = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 4 || i + 2 + n > der.length) throw new BuiltinFailure('x509: malformed certificate');
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + der[i + 2 + k];
      header = 2 + n;
    }
    const end = i + header + len;
    if (end > der.length) throw new BuiltinFailure('x509: malformed certificate');
    out.push(der.subarray(i, end));
    i = end;
  }
  return out;
}

function parseCert(der: Buffer): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch {
    throw new BuiltinFailure('x509: malformed certificate');
  }
}

const NAME_FIELDS: Record<string, [string, number[]]> = {
  C: ['Country', [2, 5, 4, 6]],
  O: ['Organization', [2, 5, 4, 10]],
  OU: ['OrganizationalUnit', [2, 5, 4, 11]],
  L: ['Locality', [2, 5, 4, 7]],
  ST: ['Province', [2, 5, 4, 8]],
  street: ['StreetAddress', [2, 5, 4, 9]],
  postalCode: ['PostalCode', [2, 5, 4, 17]],
};

/** Go's `pkix.Name` JSON from node's `CN=...\nO=...` distinguished-name text. */
function pkixName(dn: string): ObjectValue {
  const name: ObjectValue = { CommonName: '', SerialNumber: '', Names: [] };
  for (const line of dn.split('\n')) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    const names = name.Names as Value[];
    if (key === 'CN') {
      name.CommonName = value;
      names.push({ Type: [2, 5, 4, 3], Value: value });
    } else if (key === 'serialNumber') {
      name.SerialNumber = value;
      names.push({ Type: [2, 5, 4, 5], Value: value });
    } else if (NAME_FIELDS[key]) {
      const [field, oid] = NAME_FIELDS[key];
      ((name[field] ??= []) as Value[]).push(value);
      names.push({ Type: oid, Value: value });
    }
  }
  return name;
}

function rfc3339(date: string): string {
  return new Date(date).toISOString().replace(/\.000Z$/, 'Z');
}

function certificateObject(cert: X509Certificate): ObjectValue {
  const sans = (cert.subjectAltName ?? '').split(/,\s*/).filter(Boolean);
  const pick = (prefix: string) =>
    sans.filter((s) => s.startsWith(prefix)).map((s) => s.slice(prefix.length));
  const dns = pick('DNS:');
  const emails = pick('email:');
  const ips = pick('IP Address:');
  const uris = pick('URI:');
  return {
    Raw: cert.raw.toString('base64'),
    SerialNumber: normalizeInt(BigInt(`0x${cert.serialNumber}`)),
    Subject: pkixName(cert.subject),
    Issuer: pkixName(cert.issuer),
    NotBefore: rfc3339(cert.validFrom),
    NotAfter: rfc3339(cert.validTo),
    DNSNames: dns.length ? dns : null,
    EmailAddresses: emails.length ? emails : null,
    IPAddresses: ips.length ? ips : null,
    URIStrings: uris.length ? uris : null,
    IsCA: cert.ca,
    PublicKeyAlgorithmName: cert.publicKey.asymmetricKeyType ?? '',
  };
}

function parseCertificates(value: unknown): ObjectValue[] {
  return certificateDers(stringOperand(value, 1)).map((der) => certificateObject(parseCert(der)));
}

interface VerifyOptions {
  time: Date;
  dnsName?: string;
}

/** Chain order as OPA takes it: the first certificate is the root, the last the leaf. */
function verifyChain(certs: X509Certificate[], options: VerifyOptions): boolean {
  if (certs.length < 2) return false;
  const now = options.time.getTime();
  for (let i = 0; i < certs.length; i++) {
    const cert = certs[i];
    if (now < new Date(cert.validFrom).getTime() || now > new Date(cert.validTo).getTime()) return false;
    const issuer = i === 0 ? cert : certs[i - 1];
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) return false;
    if (i < certs.length - 1 && !cert.ca) return false;
  }
  const leaf = certs[certs.length - 1];
  return options.dnsName === undefined || leaf.checkHost(options.dnsName) !== undefined;
}

function parseAndVerify(value: unknown, options: VerifyOptions): [boolean, Value[]] {
  let certs: X509Certificate[];
  try {
    certs = certificateDers(stringOperand(value, 1)).map(parseCert);
  } catch {
    return [false, []];
  }
  // The input runs root → leaf; OPA answers the verified chain as Go builds it, leaf → root.
  return verifyChain(certs, options) ? [true, certs.map(certificateObject).reverse()] : [false, []];
}

function verifyOptions(value: unknown): VerifyOptions {
  const obj = objectOperand(value, 2);
  const options: VerifyOptions = { time: new Date() };
  for (const [key, v] of Object.entries(obj)) {
    switch (key) {
      case 'DNSName':
        options.dnsName = stringOperand(v, 2);
        break;
      case 'CurrentTime':
        options.time = new Date(numberOperand(v, 2) / 1e6);
        break;
      case 'MaxConstraintComparisons':
      case 'KeyUsages':
        break;
      default:
        throw new BuiltinFailure(`invalid key option: ${key}`);
    }
  }
  return options;
}

function privateKeyJwk(der: Buffer, type: string): ObjectValue {
  const format = type === 'RSA PRIVATE KEY' ? 'pkcs1' : type === 'EC PRIVATE KEY' ? 'sec1' : 'pkcs8';
  try {
    return createPrivateKey({ key: der, format: 'der', type: format }).export({
      format: 'jwk',
    }) as ObjectValue;
  } catch (err) {
    throw new BuiltinFailure(`failed to parse private key: ${(err as Error).message}`);
  }
}

function pemOrBase64Pem(input: string): string {
  if (input.startsWith('-----BEGIN')) return input;
  return decodeBase64Std(input).toString('utf8');
}

function parseRsaPrivateKey(value: unknown): ObjectValue {
  const text = pemOrBase64Pem(stringOperand(value, 1));
  const block = pemBlock(text);
  if (!block) throw new BuiltinFailure('failed to parse PEM block containing the key');
  const jwk = privateKeyJwk(block.der, block.type);
  if (jwk.kty !== 'RSA') throw new BuiltinFailure('key is not an RSA private key');
  return jwk;
}

function parsePrivateKeys(value: unknown): Value[] | null {
  const input = stringOperand(value, 1);
  if (input === '') return null;
  let text = input;
  if (!input.startsWith('-----BEGIN')) {
    try {
      text = decodeBase64Std(input).toString('utf8');
    } catch {
      return [];
    }
  }
  return pemBlocks(text)
    .filter((b) => b.type.endsWith('PRIVATE KEY'))
    .map((b) => privateKeyJwk(b.der, b.type));
}

function parseKeypair(cert: unknown, key: unknown): ObjectValue {
  const certText = pemOrBase64Pem(stringOperand(cert, 1));
  const keyText = pemOrBase64Pem(stringOperand(key, 2));
  const ders = pemBlocks(certText)
    .filter((b) => b.type === 'CERTIFICATE')
    .map((b) => b.der);
  if (ders.length === 0) throw new BuiltinFailure('tls: failed to find any PEM data in certificate input');
  const keyBlock = pemBlocks(keyText).find((b) => b.type.endsWith('PRIVATE KEY'));
  if (!keyBlock) throw new BuiltinFailure('tls: failed to find any PEM data in key input');
  const leaf = parseCert(ders[0]);
  const privateKey = createPrivateKey({
    key: keyBlock.der,
    format: 'der',
    type:
      keyBlock.type === 'RSA PRIVATE KEY' ? 'pkcs1' : keyBlock.type === 'EC PRIVATE KEY' ? 'sec1' : 'pkcs8',
  });
  if (!leaf.checkPrivateKey(privateKey))
    throw new BuiltinFailure('tls: private key does not match public key');
  return {
    Certificate: ders.map((d) => d.toString('base64')),
    PrivateKey: privateKey.export({ format: 'jwk' }) as ObjectValue,
    Leaf: null,
  };
}

const NAME_OIDS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.17': 'postalCode',
};

/** A DER Name as node's `KEY=value` lines, so pkixName can read it. */
function derNameText(name: Der): string {
  const lines: string[] = [];
  for (const rdn of children(expectTag(name, 0x30, 'Name'))) {
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      const key = NAME_OIDS[oidText(type).join('.')];
      if (key && value) lines.push(`${key}=${stringValue(value)}`);
    }
  }
  return lines.join('\n');
}

/** Go's `x509.CertificateRequest` JSON, reduced to the fields a DER walk gives cheaply. */
function parseCertificateRequest(value: unknown): ObjectValue {
  const input = stringOperand(value, 1);
  let der: Buffer;
  if (input.startsWith('-----BEGIN')) {
    const block = pemBlock(input);
    if (!block) throw new BuiltinFailure('invalid PEM-encoded certificate signing request');
    der = block.der;
  } else {
    der = decodeBase64Std(input);
    if (der.subarray(0, 10).toString('latin1').startsWith('-----BEGIN')) {
      const block = pemBlock(der.toString('utf8'));
      if (!block) throw new BuiltinFailure('invalid PEM-encoded certificate signing request');
      der = block.der;
    }
  }
  const csr = expectTag(readDer(der), 0x30, 'CertificationRequest');
  const [info, sigAlg, signature] = children(csr);
  if (!info || !sigAlg || !signature) throw new BuiltinFailure('asn1: structure error: missing fields');
  const [version, subject, publicKeyInfo] = children(expectTag(info, 0x30, 'CertificationRequestInfo'));
  if (!version || !subject || !publicKeyInfo)
    throw new BuiltinFailure('asn1: structure error: missing fields');
  return {
    Raw: der.toString('base64'),
    RawTBSCertificateRequest: info.raw.toString('base64'),
    RawSubjectPublicKeyInfo: publicKeyInfo.raw.toString('base64'),
    RawSubject: subject.raw.toString('base64'),
    Version: Number(integerValue(expectTag(version, 0x02, 'version'))),
    Signature: signature.body.subarray(1).toString('base64'),
    Subject: pkixName(derNameText(subject)),
  };
}

register('x509', {
  'crypto.x509.parse_certificate_request': parseCertificateRequest,
  'crypto.x509.parse_certificates': parseCertificates,
  'crypto.x509.parse_and_verify_certificates': (v) => parseAndVerify(v, { time: new Date() }),
  'crypto.x509.parse_and_verify_certificates_with_options': (v, o) => parseAndVerify(v, verifyOptions(o)),
  'crypto.x509.parse_rsa_private_key': parseRsaPrivateKey,
  'crypto.x509.parse_keypair': parseKeypair,
  'crypto.parse_private_keys': parsePrivateKeys,
});
