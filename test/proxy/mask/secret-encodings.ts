/**
 * Encoders an upstream might echo a secret with, and an oracle that says
 * whether any of them still shows it. Written independently of
 * services/proxy/mask/secret-forms.ts: the tests compare the two.
 */

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const utf8Bytes = (ch: string) => [...Buffer.from(ch, 'utf8')];
/** UTF-8 bytes as a Latin-1 string: how the oracle compares bodies of any charset. */
export const asBytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** One character written some way; `pick` chooses among the ways for mixed encodings. */
export type CharEncoder = (ch: string) => string;

const NAMED: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '/': '&sol;',
  ':': '&colon;',
  '=': '&equals;',
  '+': '&plus;',
  '.': '&period;',
  '-': '-',
  _: '&lowbar;',
};

export const CHAR_ENCODERS: Record<string, CharEncoder> = {
  raw: (ch) => ch,
  upper: (ch) => ch.toUpperCase(),
  lower: (ch) => ch.toLowerCase(),
  percent: (ch) =>
    utf8Bytes(ch)
      .map((b) => `%${hex2(b).toUpperCase()}`)
      .join(''),
  percentLower: (ch) =>
    utf8Bytes(ch)
      .map((b) => `%${hex2(b)}`)
      .join(''),
  doublePercent: (ch) =>
    utf8Bytes(ch)
      .map((b) => `%25${hex2(b)}`)
      .join(''),
  percentU: (ch) =>
    [...Array(ch.length).keys()].map((i) => `%u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  jsonU: (ch) =>
    [...Array(ch.length).keys()].map((i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  jsonUUpper: (ch) =>
    [...Array(ch.length).keys()]
      .map((i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase()}`)
      .join(''),
  jsBraces: (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`,
  byteX: (ch) =>
    utf8Bytes(ch)
      .map((b) => `\\x${hex2(b)}`)
      .join(''),
  quotedPrintable: (ch) =>
    utf8Bytes(ch)
      .map((b) => `=${hex2(b).toUpperCase()}`)
      .join(''),
  htmlDecimal: (ch) => `&#${ch.codePointAt(0)};`,
  htmlDecimalPadded: (ch) => `&#00${ch.codePointAt(0)}`,
  htmlHex: (ch) => `&#x${ch.codePointAt(0)!.toString(16).toUpperCase()};`,
  htmlNamed: (ch) => NAMED[ch] ?? ch,
  jsonShort: (ch) => (ch === '/' ? '\\/' : ch === '"' ? '\\"' : ch === '\\' ? '\\\\' : ch),
};

/** The secret written character by character, each character the way `pick(i)` says. */
export function encodeText(secret: string, pick: (i: number) => CharEncoder): string {
  return [...secret].map((ch, i) => pick(i)(ch)).join('');
}

/** Whole-value encodings: what the upstream wraps the secret in, then how it writes the bytes. */
export const BYTE_ENCODERS: Record<string, (value: string) => string> = {
  base64: (v) => Buffer.from(v, 'utf8').toString('base64'),
  base64url: (v) => Buffer.from(v, 'utf8').toString('base64url'),
  base64Wrapped: (v) =>
    (
      Buffer.from(v, 'utf8')
        .toString('base64')
        .match(/.{1,7}/g) ?? []
    ).join('\r\n'),
  base64InJson: (v) => Buffer.from(v, 'utf8').toString('base64').replace(/\//g, '\\/'),
  base64InUrl: (v) => encodeURIComponent(Buffer.from(v, 'utf8').toString('base64')),
  hex: (v) => Buffer.from(v, 'utf8').toString('hex'),
  hexUpper: (v) => Buffer.from(v, 'utf8').toString('hex').toUpperCase(),
  hexColons: (v) => (Buffer.from(v, 'utf8').toString('hex').match(/../g) ?? []).join(':'),
  utf16le: (v) => Buffer.from(v, 'utf16le').toString('latin1'),
  utf16be: (v) => Buffer.from(v, 'utf16le').swap16().toString('latin1'),
};

/** Undoes every text escape the encoders above use, in the byte domain (Latin-1 strings). */
export function decodeEscapes(bytes: string): string {
  const codePoint = (cp: number) => asBytes(String.fromCodePoint(cp));
  const unit = (u: number) => (u >= 0xd800 && u <= 0xdfff ? String.fromCharCode(u) : codePoint(u));
  let text = bytes.replace(/%25([0-9a-f]{2})/gi, '%$1');
  text = text.replace(/[\\%]u([0-9a-f]{4})/gi, (_, h: string) => unit(parseInt(h, 16)));
  text = text.replace(/\\u\{([0-9a-f]+)\}/gi, (_, h: string) => codePoint(parseInt(h, 16)));
  text = text.replace(/(?:%|\\x|=)([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  text = text.replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => codePoint(parseInt(h, 16)));
  text = text.replace(/&#(\d+);?/g, (_, d: string) => codePoint(Number(d)));
  for (const [ch, name] of Object.entries(NAMED)) text = text.split(name).join(ch);
  text = text.replace(/\\([/"\\])/g, '$1');
  // Two UTF-16 escapes of a surrogate pair, decoded one unit at a time above.
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, (pair) => asBytes(pair));
}

/** The base64 characters of `encoded` that depend only on the `length` bytes at `offset`. */
export function base64Core(encoded: string, offset: number, length: number): string {
  return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + length)) / 6));
}

/**
 * What of the secret an output still shows, or null: the secret in any
 * letter case after undoing text escapes, its UTF-16 bytes, its hex, or
 * any 8 characters in a row of the secret-only part of a base64 value
 * (`cores`: computed by the caller from where it put the secret).
 */
export function leak(secret: string, output: string, cores: string[] = []): string | null {
  const bytes = asBytes(secret).toLowerCase();
  if (output.toLowerCase().includes(bytes)) return 'as is';
  if (decodeEscapes(output).toLowerCase().includes(bytes)) return 'escaped';
  const utf16 = Buffer.from(secret, 'utf16le').toString('latin1').toLowerCase();
  if (output.toLowerCase().includes(utf16)) return 'utf-16le';
  if (output.toLowerCase().includes(Buffer.from(secret, 'utf16le').swap16().toString('latin1').toLowerCase()))
    return 'utf-16be';
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  if (output.toLowerCase().replace(/[-: ]/g, '').includes(hex)) return 'hex';
  const flat = decodeURIComponentSafe(output).replace(/\\\//g, '/').replace(/\s/g, '');
  for (const core of cores)
    for (let i = 0; i + 8 <= core.length; i++)
      if (flat.includes(core.slice(i, i + 8))) return `base64 ${core.slice(i, i + 8)}`;
  return null;
}

function decodeURIComponentSafe(text: string): string {
  return text.replace(/%2b/gi, '+').replace(/%2f/gi, '/').replace(/%3d/gi, '=');
}
