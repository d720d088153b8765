/**
 * A minimal DER reader: enough ASN.1 to take a certificate request apart.
 * Certificates are parsed by node's X509Certificate (x509.ts), which has no
 * CSR support. Why not @peculiar/x509 (a dependency) or its asn1 schemas:
 * OPA's `Raw*` fields are the request's original bytes, which a
 * parse-then-serialise library cannot promise for non-canonical encodings;
 * @peculiar/x509 also needs a global reflect-metadata polyfill in every
 * evaluation worker; and four fields are all the builtin answers.
 */
import { BuiltinFailure } from './errors.js';

export interface Der {
  tag: number;
  /** Content bytes. */
  body: Buffer;
  /** The whole element, header included. */
  raw: Buffer;
}

function structureError(what: string): BuiltinFailure {
  return new BuiltinFailure(`asn1: structure error: ${what}`);
}

/** Reads the element at `offset`. */
export function readDer(buf: Buffer, offset = 0): Der {
  if (offset + 2 > buf.length) throw structureError('truncated tag or length');
  const tag = buf[offset];
  let len = buf[offset + 1];
  let header = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || offset + 2 + n > buf.length) throw structureError('length too large');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[offset + 2 + i];
    header += n;
  }
  const end = offset + header + len;
  if (end > buf.length) throw structureError('data truncated');
  return { tag, body: buf.subarray(offset + header, end), raw: buf.subarray(offset, end) };
}

/** The elements inside a constructed element. */
export function children(el: Der): Der[] {
  const out: Der[] = [];
  for (let off = 0; off < el.body.length;) {
    const child = readDer(el.body, off);
    out.push(child);
    off += child.raw.length;
  }
  return out;
}

export function expectTag(el: Der, tag: number, what: string): Der {
  if (el.tag !== tag) throw structureError(`tags don't match (${tag} vs ${el.tag}) for ${what}`);
  return el;
}

export function oidText(el: Der): number[] {
  const b = el.body;
  if (b.length === 0) throw structureError('empty object identifier');
  const out = [Math.floor(b[0] / 40), b[0] % 40];
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      out.push(v);
      v = 0;
    }
  }
  return out;
}

export function integerValue(el: Der): bigint {
  let v = 0n;
  for (const byte of el.body) v = (v << 8n) | BigInt(byte);
  if (el.body.length > 0 && el.body[0] & 0x80) v -= 1n << BigInt(8 * el.body.length);
  return v;
}

/** String-valued attribute types (UTF8String, PrintableString, IA5String, T61String, BMPString). */
export function stringValue(el: Der): string {
  if (el.tag === 0x1e) {
    let s = '';
    for (let i = 0; i + 1 < el.body.length; i += 2) s += String.fromCharCode(el.body.readUInt16BE(i));
    return s;
  }
  return el.body.toString(el.tag === 0x14 ? 'latin1' : 'utf8');
}
