/**
 * JWT builtins (OPA `tokens.go`): decoding, signature checks per algorithm,
 * `io.jwt.decode_verify` constraints, and signing. Uses node:crypto because
 * host builtins must answer synchronously (the SDK calls them inside the
 * WebAssembly call) and every jose verify and sign function returns a
 * Promise (it is built on Web Crypto).
 */
import {
  createHmac,
  sign as cryptoSign,
  timingSafeEqual,
  verify as cryptoVerify,
  constants,
  KeyObject,
} from 'node:crypto';
import { BuiltinFailure } from './errors.js';
import { decodeBase64Url } from './encoding.js';
import { goMarshal, parseJSONGo } from './json.js';
import { signingKey, verificationKeys } from './keys.js';
import { numberOperand, objectOperand, stringOperand } from './operands.js';
import { register } from './registry.js';
import { evaluationContext } from './context.js';
import { isObject } from './values.js';
import type { ObjectValue, Value } from './values.js';

interface Algorithm {
  kind: 'hmac' | 'rsa' | 'pss' | 'ecdsa' | 'eddsa';
  hash?: string;
}

const ALGORITHMS: Record<string, Algorithm> = {
  HS256: { kind: 'hmac', hash: 'sha256' },
  HS384: { kind: 'hmac', hash: 'sha384' },
  HS512: { kind: 'hmac', hash: 'sha512' },
  RS256: { kind: 'rsa', hash: 'sha256' },
  RS384: { kind: 'rsa', hash: 'sha384' },
  RS512: { kind: 'rsa', hash: 'sha512' },
  PS256: { kind: 'pss', hash: 'sha256' },
  PS384: { kind: 'pss', hash: 'sha384' },
  PS512: { kind: 'pss', hash: 'sha512' },
  ES256: { kind: 'ecdsa', hash: 'sha256' },
  ES384: { kind: 'ecdsa', hash: 'sha384' },
  ES512: { kind: 'ecdsa', hash: 'sha512' },
  EdDSA: { kind: 'eddsa' },
};

interface Token {
  header: string;
  payload: string;
  signature: string;
}

function splitToken(jwt: string): Token {
  if (!jwt.includes('.')) throw new BuiltinFailure('encoded JWT had no period separators');
  const parts = jwt.split('.');
  if (parts.length === 5) throw new BuiltinFailure('JWT is a JWE object, which is not supported');
  if (parts.length !== 3) throw new BuiltinFailure(`encoded JWT must have 3 sections, found ${parts.length}`);
  return { header: parts[0], payload: parts[1], signature: parts[2] };
}

function decodePart(part: string, what: string): Buffer {
  try {
    return Buffer.from(decodeBase64Url(part));
  } catch (err) {
    throw new BuiltinFailure(`JWT ${what} had invalid encoding: ${(err as Error).message}`);
  }
}

function jsonObject(bytes: Buffer, what: string): ObjectValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new BuiltinFailure(`JWT ${what} had invalid JSON: ${(err as Error).message}`);
  }
  if (!isObject(parsed)) throw new BuiltinFailure(`JWT ${what} must be a JSON object`);
  return parsed;
}

/** The decoded header; a header naming an encryption (`enc`) marks a JWE, which OPA rejects. */
function decodeHeader(token: Token): ObjectValue {
  const header = jsonObject(decodePart(token.header, 'header'), 'header');
  if ('enc' in header) throw new BuiltinFailure('JWT is a JWE object, which is not supported');
  return header;
}

function decode(jwt: string): [ObjectValue, ObjectValue, string] {
  const token = splitToken(jwt);
  const header = decodeHeader(token);
  const payloadBytes = decodePart(token.payload, 'payload');
  if (header.cty === 'JWT') return decode(payloadBytes.toString('utf8').replace(/^"+|"+$/g, ''));
  const payload = jsonObject(payloadBytes, 'payload');
  const signature = decodePart(token.signature, 'signature').toString('hex');
  return [header, payload, signature];
}

function verifyWith(alg: Algorithm, key: KeyObject | Buffer, data: Buffer, signature: Buffer): boolean {
  try {
    switch (alg.kind) {
      case 'hmac': {
        const secret = key instanceof KeyObject ? (key.type === 'secret' ? key.export() : undefined) : key;
        if (!secret) return false;
        const mac = createHmac(alg.hash as string, secret)
          .update(data)
          .digest();
        return mac.length === signature.length && timingSafeEqual(mac, signature);
      }
      case 'rsa':
        if (!(key instanceof KeyObject) || key.asymmetricKeyType !== 'rsa') return false;
        return cryptoVerify(alg.hash as string, data, key, signature);
      case 'pss':
        if (!(key instanceof KeyObject) || !key.asymmetricKeyType?.startsWith('rsa')) return false;
        return cryptoVerify(
          alg.hash as string,
          data,
          { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
          signature,
        );
      case 'ecdsa':
        if (!(key instanceof KeyObject) || key.asymmetricKeyType !== 'ec') return false;
        return cryptoVerify(alg.hash as string, data, { key, dsaEncoding: 'ieee-p1363' }, signature);
      case 'eddsa':
        if (!(key instanceof KeyObject) || key.asymmetricKeyType !== 'ed25519') return false;
        return cryptoVerify(null, data, key, signature);
    }
  } catch {
    return false;
  }
}

function signingInput(token: Token): Buffer {
  return Buffer.from(`${token.header}.${token.payload}`, 'ascii');
}

function verifyWithCertificate(algName: string) {
  return (jwt: unknown, certificate: unknown): boolean => {
    const token = splitToken(stringOperand(jwt, 1));
    const cert = stringOperand(certificate, 2);
    const signature = decodePart(token.signature, 'signature');
    const alg = ALGORITHMS[algName];
    const keys = verificationKeys(cert);
    return keys.some((k) => verifyWith(alg, k.key, signingInput(token), signature));
  };
}

function verifyHmac(algName: string) {
  return (jwt: unknown, secret: unknown): boolean => {
    const token = splitToken(stringOperand(jwt, 1));
    const key = Buffer.from(stringOperand(secret, 2), 'utf8');
    return verifyWith(
      ALGORITHMS[algName],
      key,
      signingInput(token),
      decodePart(token.signature, 'signature'),
    );
  };
}

interface Constraints {
  keys?: { kid?: string; key: KeyObject }[];
  secret?: string;
  alg?: string;
  iss?: string;
  aud?: string;
  time: number;
}

function parseConstraints(value: unknown): Constraints {
  const obj = objectOperand(value, 2);
  const c: Constraints = { time: Number(evaluationContext().nowNs) };
  for (const [name, v] of Object.entries(obj)) {
    switch (name) {
      case 'cert':
        c.keys = verificationKeys(stringOperand(v, 2));
        break;
      case 'secret':
        c.secret = stringOperand(v, 2);
        break;
      case 'alg':
      case 'iss':
      case 'aud':
        c[name] = stringOperand(v, 2);
        break;
      case 'time':
        c.time = numberOperand(v, 2);
        break;
      default:
        throw new BuiltinFailure(`unknown token validation constraint: ${name}`);
    }
  }
  const keyCount = (c.keys ? 1 : 0) + (c.secret !== undefined ? 1 : 0);
  if (keyCount > 1) throw new BuiltinFailure('duplicate key constraints');
  if (keyCount === 0) throw new BuiltinFailure('no key constraint');
  return c;
}

function signatureOk(c: Constraints, header: ObjectValue, token: Token): boolean {
  const algName = header.alg as string;
  const alg = ALGORITHMS[algName];
  if (!alg) throw new BuiltinFailure(`unknown JWS algorithm: ${algName}`);
  const signature = decodePart(token.signature, 'signature');
  const data = signingInput(token);
  if (c.secret !== undefined) return verifyWith(alg, Buffer.from(c.secret, 'utf8'), data, signature);
  const keys = c.keys ?? [];
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const byKid = kid ? keys.filter((k) => k.kid === kid) : [];
  return (byKid.length > 0 ? byKid : keys).some((k) => verifyWith(alg, k.key, data, signature));
}

function audienceOk(c: Constraints, aud: Value): boolean {
  if (c.aud === undefined) return false;
  if (typeof aud === 'string') return aud === c.aud;
  if (Array.isArray(aud)) return aud.some((a) => a === c.aud);
  return false;
}

function decodeVerify(jwt: unknown, constraints: unknown): [boolean, ObjectValue, ObjectValue] {
  const unverified: [boolean, ObjectValue, ObjectValue] = [false, {}, {}];
  let current = stringOperand(jwt, 1);
  const c = parseConstraints(constraints);
  let header: ObjectValue;
  let payloadBytes: Buffer;
  for (;;) {
    const token = splitToken(current);
    header = decodeHeader(token);
    if (typeof header.alg !== 'string' || header.alg === '' || header.crit !== undefined) return unverified;
    if (c.alg !== undefined && c.alg !== header.alg) return unverified;
    if (!signatureOk(c, header, token)) return unverified;
    payloadBytes = decodePart(token.payload, 'payload');
    if (typeof header.cty === 'string' && header.cty.toUpperCase() === 'JWT') {
      current = payloadBytes.toString('utf8');
      continue;
    }
    break;
  }
  const payload = jsonObject(payloadBytes, 'payload');
  if (c.iss !== undefined && payload.iss !== c.iss) return unverified;
  if (payload.aud !== undefined) {
    if (!audienceOk(c, payload.aud)) return unverified;
  } else if (c.aud !== undefined) return unverified;
  const nowSeconds = c.time / 1e9;
  if (payload.exp !== undefined) {
    if (typeof payload.exp !== 'number') throw new BuiltinFailure('exp value must be a number');
    if (nowSeconds >= payload.exp) return unverified;
  }
  if (payload.nbf !== undefined) {
    if (typeof payload.nbf !== 'number') throw new BuiltinFailure('nbf value must be a number');
    if (nowSeconds < payload.nbf) return unverified;
  }
  return [true, header, payload];
}

function signBytes(alg: Algorithm, key: KeyObject | Buffer, data: Buffer): Buffer {
  switch (alg.kind) {
    case 'hmac': {
      const secret = key instanceof KeyObject ? key.export() : key;
      return createHmac(alg.hash as string, secret)
        .update(data)
        .digest();
    }
    case 'rsa':
      return cryptoSign(alg.hash as string, data, key as KeyObject);
    case 'pss':
      return cryptoSign(alg.hash as string, data, {
        key: key as KeyObject,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
      });
    case 'ecdsa':
      return cryptoSign(alg.hash as string, data, { key: key as KeyObject, dsaEncoding: 'ieee-p1363' });
    case 'eddsa':
      return cryptoSign(null, data, key as KeyObject);
  }
}

/** OPA's `commonBuiltinJWTEncodeSign`: header and payload are signed exactly as given. */
function encodeSign(headerText: string, payloadText: string, keyText: string): string {
  const header = parseJSONGo(headerText);
  if (!isObject(header)) throw new BuiltinFailure('header must be a JSON object');
  const alg = typeof header.alg === 'string' ? ALGORITHMS[header.alg] : undefined;
  if (!alg) throw new BuiltinFailure('unknown signature algorithm');
  const typ = header.typ;
  if (typ === undefined || typ === '' || typ === 'JWT') {
    try {
      JSON.parse(payloadText);
    } catch {
      throw new BuiltinFailure('type is JWT but payload is not JSON');
    }
  }
  const key = signingKey(keyText);
  const input = `${Buffer.from(headerText).toString('base64url')}.${Buffer.from(payloadText).toString('base64url')}`;
  try {
    return `${input}.${signBytes(alg, key, Buffer.from(input, 'ascii')).toString('base64url')}`;
  } catch (err) {
    throw new BuiltinFailure(`failed to sign: ${(err as Error).message}`);
  }
}

const verifiers: Record<string, (jwt: unknown, key: unknown) => boolean> = {};
for (const alg of Object.keys(ALGORITHMS)) {
  const name = `io.jwt.verify_${alg.toLowerCase()}`;
  verifiers[name] = alg.startsWith('HS') ? verifyHmac(alg) : verifyWithCertificate(alg);
}

register('jwt', {
  'io.jwt.decode': (jwt) => decode(stringOperand(jwt, 1)),
  'io.jwt.decode_verify': decodeVerify,
  'io.jwt.encode_sign': (header, payload, key) =>
    encodeSign(
      goMarshal(objectOperand(header, 1)),
      goMarshal(objectOperand(payload, 2)),
      goMarshal(objectOperand(key, 3)),
    ),
  'io.jwt.encode_sign_raw': (header, payload, key) =>
    encodeSign(stringOperand(header, 1), stringOperand(payload, 2), stringOperand(key, 3)),
  ...verifiers,
});
