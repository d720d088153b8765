/** Hashes and HMACs (OPA `crypto.go`); certificate parsing lives in x509.ts. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { stringOperand } from './operands.js';
import { register } from './registry.js';

function digest(algorithm: string) {
  return (s: unknown) => createHash(algorithm).update(stringOperand(s, 1), 'utf8').digest('hex');
}

function hmac(algorithm: string) {
  return (message: unknown, key: unknown) =>
    createHmac(algorithm, Buffer.from(stringOperand(key, 2), 'utf8'))
      .update(stringOperand(message, 1), 'utf8')
      .digest('hex');
}

register('crypto', {
  'crypto.md5': digest('md5'),
  'crypto.sha1': digest('sha1'),
  'crypto.sha256': digest('sha256'),
  'crypto.hmac.md5': hmac('md5'),
  'crypto.hmac.sha1': hmac('sha1'),
  'crypto.hmac.sha256': hmac('sha256'),
  'crypto.hmac.sha512': hmac('sha512'),
  'crypto.hmac.equal'(a, b) {
    const x = Buffer.from(stringOperand(a, 1), 'utf8');
    const y = Buffer.from(stringOperand(b, 2), 'utf8');
    return x.length === y.length && timingSafeEqual(x, y);
  },
});
