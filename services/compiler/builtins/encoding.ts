/** base64, base64url, hex and URL query builtins (OPA `encoding.go`, `strings.go`), with Go's strict decoders. */
import { BuiltinFailure } from './errors.js';
import { objectOperand, operandTypeError, stringOperand } from './operands.js';
import { register } from './registry.js';
import { compareStrings } from './values.js';

/** Bytes as a Go string: invalid UTF-8 becomes U+FFFD when the string reaches JSON. */
export function bytesToString(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** Go's `base64.Encoding.DecodeString` for the padded alphabets; error offsets as Go reports them. */
function strictBase64(s: string, alphabet: RegExp): Uint8Array {
  const clean = s.replace(/[\r\n]/g, '');
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i];
    if (ch === '=') {
      const rest = clean.slice(i);
      const quantumPos = i % 4;
      if (!(rest === '=' && quantumPos === 3) && !(rest === '==' && quantumPos === 2)) {
        throw new BuiltinFailure(`illegal base64 data at input byte ${i}`);
      }
      break;
    }
    if (!alphabet.test(ch)) throw new BuiltinFailure(`illegal base64 data at input byte ${i}`);
  }
  if (clean.length % 4 !== 0)
    throw new BuiltinFailure(`illegal base64 data at input byte ${clean.length - (clean.length % 4)}`);
  return Buffer.from(clean, alphabet === STD ? 'base64' : 'base64url');
}

const STD = /[A-Za-z0-9+/]/;
const URL_SAFE = /[A-Za-z0-9_-]/;

/** Go's `base64.StdEncoding.DecodeString`. */
export function decodeBase64Std(s: string): Buffer {
  return Buffer.from(strictBase64(s, STD));
}

/** OPA's `base64url.decode`: padding is optional; errors as Go reports them. */
export function decodeBase64Url(s: string): Uint8Array {
  let padded = s;
  if (!s.endsWith('=')) {
    switch (s.length % 4) {
      case 0:
        break;
      case 2:
        padded += '==';
        break;
      case 3:
        padded += '=';
        break;
      default:
        throw new BuiltinFailure(`illegal base64url string: ${s}`);
    }
  }
  return strictBase64(padded, URL_SAFE);
}

function hexDecode(s: string): Uint8Array {
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i++) {
    if (!/[0-9a-fA-F]/.test(chars[i])) {
      const cp = chars[i].codePointAt(0) ?? 0;
      throw new BuiltinFailure(
        `encoding/hex: invalid byte: U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${JSON.stringify(chars[i]).replace(/^"|"$/g, "'")}`,
      );
    }
  }
  if (s.length % 2 !== 0) throw new BuiltinFailure('encoding/hex: odd length hex string');
  return Buffer.from(s, 'hex');
}

/** Go's `url.QueryEscape`. */
export function queryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Go's `url.QueryUnescape`. */
export function queryUnescape(s: string): string {
  const bytes: number[] = [];
  const src = Buffer.from(s, 'utf8');
  for (let i = 0; i < src.length; i++) {
    const b = src[i];
    if (b === 0x25) {
      const hex = src.subarray(i + 1, i + 3).toString('latin1');
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
        throw new BuiltinFailure(
          `invalid URL escape ${JSON.stringify(src.subarray(i, i + 3).toString('latin1'))}`,
        );
      }
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(b === 0x2b ? 0x20 : b);
  }
  return bytesToString(Uint8Array.from(bytes));
}

function encodeQueryObject(value: unknown): string {
  const obj = objectOperand(value, 1);
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort(compareStrings)) {
    const v = obj[key];
    const values = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
    if (!values) throw operandTypeError(1, v, 'string', 'array', 'set');
    for (const item of values) {
      if (typeof item !== 'string') throw operandTypeError(1, item, 'string');
      parts.push(`${queryEscape(key)}=${queryEscape(item)}`);
    }
  }
  return parts.join('&');
}

function decodeQueryObject(value: unknown): Record<string, string[]> {
  const query = stringOperand(value, 1);
  const out: Record<string, string[]> = {};
  for (const part of query.split('&')) {
    if (part === '') continue;
    if (part.includes(';')) throw new BuiltinFailure('invalid semicolon separator in query');
    const eq = part.indexOf('=');
    const key = queryUnescape(eq < 0 ? part : part.slice(0, eq));
    const val = eq < 0 ? '' : queryUnescape(part.slice(eq + 1));
    (out[key] ??= []).push(val);
  }
  return out;
}

register('encoding', {
  'base64.encode': (s) => Buffer.from(stringOperand(s, 1), 'utf8').toString('base64'),
  'base64.decode': (s) => bytesToString(strictBase64(stringOperand(s, 1), STD)),
  'base64.is_valid'(s) {
    try {
      strictBase64(stringOperand(s, 1), STD);
      return true;
    } catch (err) {
      if (err instanceof BuiltinFailure) return false;
      throw err;
    }
  },
  'base64url.encode': (s) =>
    Buffer.from(stringOperand(s, 1), 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
  'base64url.encode_no_pad': (s) => Buffer.from(stringOperand(s, 1), 'utf8').toString('base64url'),
  'base64url.decode': (s) => bytesToString(decodeBase64Url(stringOperand(s, 1))),
  'hex.encode': (s) => Buffer.from(stringOperand(s, 1), 'utf8').toString('hex'),
  'hex.decode': (s) => bytesToString(hexDecode(stringOperand(s, 1))),
  'urlquery.encode': (s) => queryEscape(stringOperand(s, 1)),
  'urlquery.decode': (s) => queryUnescape(stringOperand(s, 1)),
  'urlquery.encode_object': encodeQueryObject,
  'urlquery.decode_object': decodeQueryObject,
});
