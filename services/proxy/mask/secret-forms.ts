/**
 * Every form in which a well-known encoding can write a secret, as regular
 * expressions over bytes read as Latin-1 (so the same patterns serve
 * response bodies, whatever their charset, and header values). The
 * scrubber (scrub-stream.ts) replaces what they match.
 *
 * Forms of the secret's text, character by character, mixed freely:
 * as is in any letter case; percent-encoded (`%2D`, `%252D`, `%u002D`);
 * JSON/JavaScript escapes (`\u002d`, `\u{2d}`, `\x2d`, `\/`, `\n`…); HTML
 * character references (`&#45;`, `&#x2D;`, and the names of ASCII
 * punctuation such as `&sol;`); quoted-printable (`=2D`); `+` for a space.
 * Forms of the secret's bytes: base64 and base64url at each of the three
 * alignments a secret can take inside a longer encoded value (`user:secret`,
 * `Bearer secret`), whole behind the common prefixes, and with line breaks
 * anywhere (MIME and PEM wrap base64); hex in any case, with or without a
 * `:`, `-` or space between bytes; UTF-16 (both byte orders); Latin-1.
 *
 * What none of this sees is listed in docs/SECURITY.md.
 */

/** Regex source and the longest run of bytes it can match. */
interface Unit {
  source: string;
  longest: number;
}

/** A whole form: its units (one per character), the fewest and most bytes it spans. */
interface Form {
  units: Unit[];
  shortest: number;
  longest: number;
}

/** Encoded forms shorter than this are too likely to occur by chance to scrub. */
export const MIN_ENCODED_LENGTH = 8;
/** Literals shorter than this are not scrubbed at all. */
export const MIN_LITERAL_LENGTH = 4;
/**
 * Units of a form the finding pattern looks for; a longer form is found by
 * its start and then matched whole. V8 stops optimising a pattern whose
 * source passes 20 KB (it then runs some fifty times slower), so the
 * finding pattern must stay under that whatever the secret's length.
 */
const FIND_UNITS = 24;
/** Header-value prefixes a secret is commonly encoded with (base64 of `Bearer <secret>`). */
const PREFIXES = ['Bearer ', 'Basic ', 'token '];

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** A literal character or string as regex source (non-unicode mode). */
function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&').replace(/[^\x20-\x7e]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${hex2(code)}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Text matched in any letter case, as a regex source: `[aA]` per letter.
 * Spelt out rather than with the `i` flag, which makes V8 scan several
 * times slower; base64 stays case-exact (its case carries the bits).
 */
function caseless(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    out +=
      lower !== upper && lower.length === 1 && upper.length === 1 ? `[${lower}${upper}]` : escapeRegex(ch);
  }
  return out;
}

/** Hex digits in either case (`2[dD]`). */
function hexAnyCase(n: number, width = 2): string {
  return caseless(n.toString(16).padStart(width, '0'));
}

/** HTML5 names of ASCII punctuation (the `;` is optional in the pattern, as browsers allow for some). */
const HTML_NAMES: Record<string, string[]> = {
  '!': ['excl'],
  '"': ['quot'],
  '#': ['num'],
  $: ['dollar'],
  '%': ['percnt'],
  '&': ['amp'],
  "'": ['apos'],
  '(': ['lpar'],
  ')': ['rpar'],
  '*': ['ast', 'midast'],
  '+': ['plus'],
  ',': ['comma'],
  '.': ['period'],
  '/': ['sol'],
  ':': ['colon'],
  ';': ['semi'],
  '<': ['lt'],
  '=': ['equals'],
  '>': ['gt'],
  '?': ['quest'],
  '@': ['commat'],
  '[': ['lsqb', 'lbrack'],
  '\\': ['bsol'],
  ']': ['rsqb', 'rbrack'],
  '^': ['hat'],
  _: ['lowbar', 'underbar'],
  '`': ['grave', 'diacriticalgrave'],
  '{': ['lcub', 'lbrace'],
  '|': ['verbar', 'vert', 'verticalline'],
  '}': ['rcub', 'rbrace'],
  '\t': ['tab'],
  '\n': ['newline'],
};

/** JSON's and JavaScript's one-letter escapes. */
const SHORT_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  '\b': 'b',
  '\f': 'f',
  '\n': 'n',
  '\r': 'r',
  '\t': 't',
  "'": "'",
};

/**
 * Every way one character of a secret's text can be written, in any letter
 * case. Forms sharing a prefix are merged
 * (`%61`, `%2561`), which keeps the pattern small and quick to reject.
 */
function textCharacter(ch: string): Unit {
  const utf8 = [...Buffer.from(ch, 'utf8')];
  const code = ch.codePointAt(0)!;
  const units = Array.from({ length: ch.length }, (_, i) => ch.charCodeAt(i));
  // As is, in any case (UTF-8 bytes read as Latin-1, as the scrubber reads bodies).
  const forms = [code < 0x80 ? caseless(ch) : escapeRegex(Buffer.from(ch, 'utf8').toString('latin1'))];
  // A non-ASCII letter upper- or lower-cased (`é` in an upper-cased copy is `É`).
  if (code >= 0x80)
    for (const other of new Set([ch.toUpperCase(), ch.toLowerCase()]))
      if (other !== ch) forms.push(escapeRegex(Buffer.from(other, 'utf8').toString('latin1')));
  // A character of Latin-1 written in Latin-1 (one byte) rather than UTF-8: as is or escaped (`%E9`, `\xe9`).
  if (code >= 0x80 && code <= 0xff)
    forms.push(escapeRegex(String.fromCharCode(code)), `(?:%|=|\\\\x)${hexAnyCase(code)}`);
  // Percent (also twice: `%2561`), quoted-printable and `\x` escapes of each UTF-8 byte.
  forms.push(utf8.map((b) => `(?:%(?:25)?|=|\\\\x)${hexAnyCase(b)}`).join(''));
  // `\u0061` and `%u0061` of each UTF-16 unit; `\u{61}`.
  forms.push(units.map((u) => `(?:\\\\|%)u${hexAnyCase(u, 4)}`).join(''));
  forms.push(`\\\\u\\{0{0,4}${hexAnyCase(code, 1)}\\}`);
  // HTML character references, decimal and hex.
  forms.push(`&#(?:0{0,4}${code}|[xX]0{0,4}${hexAnyCase(code, 1)});?`);
  for (const name of HTML_NAMES[ch] ?? []) forms.push(`&${caseless(name)};?`);
  if (SHORT_ESCAPES[ch] !== undefined) forms.push(escapeRegex('\\' + SHORT_ESCAPES[ch]));
  if (ch === ' ') forms.push('\\+');
  // `%25xx` per byte, `\uxxxx` per unit, or a character reference (`&#x0000…;`, `&diacriticalgrave;`).
  const longest = Math.max(utf8.length * 5, units.length * 6, 20);
  return { source: `(?:${forms.join('|')})`, longest };
}

/**
 * One character of an encoded form (base64, hex): as is, or as URLs and
 * JSON write the few that need it; after the first, up to two whitespace
 * characters may come before it (wrapped lines).
 */
function encodedCharacter(ch: string, first: boolean): Unit {
  const forms = [escapeRegex(ch)];
  if (ch === '+') forms.push('%2[bB]', ' ', '\\\\u002[bB]');
  if (ch === '/') forms.push('%2[fF]', '\\\\/', '\\\\u002[fF]');
  const source = forms.length === 1 ? forms[0] : `(?:${forms.join('|')})`;
  if (first) return { source, longest: 6 };
  return { source: `\\s{0,2}${source}`, longest: 8 };
}

function formOf(units: Unit[], shortest: number): Form {
  return { units, shortest, longest: units.reduce((sum, u) => sum + u.longest, 0) };
}

function textForm(text: string): Form {
  const chars = [...text];
  return formOf(chars.map(textCharacter), chars.length);
}

function encodedForm(encoded: string): Form {
  return formOf(
    [...encoded].map((ch, i) => encodedCharacter(ch, i === 0)),
    encoded.length,
  );
}

/** Raw bytes (UTF-16), one unit per byte. */
function bytesForm(bytes: Buffer): Form {
  const units = [...bytes].map((b) => ({ source: caseless(String.fromCharCode(b)), longest: 1 }));
  return formOf(units, bytes.length);
}

/** Hex of the bytes, optionally with one separator between bytes (`de:ad`, `de-ad`, `de ad`). */
function hexForm(bytes: Buffer): Form {
  const units = [...bytes].map((b, i) => ({ source: (i === 0 ? '' : '[-: ]?') + hexAnyCase(b), longest: 3 }));
  return formOf(units, bytes.length * 2);
}

/**
 * The base64 characters that depend on the secret's bytes alone, for each
 * of the three alignments the secret can have inside a longer value: what
 * every base64 encoding of anything containing the secret contains.
 */
export function base64Cores(bytes: Buffer, alphabet: 'base64' | 'base64url'): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(alphabet);
    // Character j holds bits [6j, 6j + 6); the secret holds bits [8 offset, 8 (offset + n)).
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    cores.push(encoded.slice(first, end));
  }
  return cores;
}

/**
 * The whole base64 encodings (without padding) of a value alone and behind
 * the common prefixes: they reach the edge characters the cores leave out.
 */
function wholeBase64(text: string): string[] {
  return [text, ...PREFIXES.map((p) => p + text)].flatMap((value) => {
    const bytes = Buffer.from(value, 'utf8');
    return [bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url')];
  });
}

/**
 * Every form of one secret. A literal holding a shorter one (`Bearer
 * <secret>`, `user:<password>`) adds only its own whole base64 encoding:
 * the shorter one's forms find it everywhere else.
 */
function formsOf(secret: string, wholeOnly: boolean): Form[] {
  const bytes = Buffer.from(secret, 'utf8');
  const encoded = new Set(
    wholeOnly
      ? [bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url')]
      : wholeBase64(secret),
  );
  const forms: Form[] = [];
  if (!wholeOnly) {
    forms.push(textForm(secret));
    for (const core of [...base64Cores(bytes, 'base64'), ...base64Cores(bytes, 'base64url')])
      encoded.add(core);
    if (bytes.length * 2 >= MIN_ENCODED_LENGTH) forms.push(hexForm(bytes));
    const utf16le = Buffer.from(secret, 'utf16le');
    const utf16be = Buffer.from(utf16le).swap16();
    forms.push(bytesForm(utf16le), bytesForm(utf16be));
  }
  for (const text of encoded) if (text.length >= MIN_ENCODED_LENGTH) forms.push(encodedForm(text));
  return forms;
}

export interface SecretMatcher {
  /** Global: the start (up to `FIND_UNITS` characters) of every form. */
  find: RegExp;
  /**
   * Sticky: every form whole, tried where `find` matched;
   * null when every form is short enough for `find` to hold whole.
   */
  whole: RegExp | null;
  /** The most bytes one match can span: a stream holds back one less between chunks. */
  longest: number;
  /** The fewest bytes one match can span: shorter text cannot hold a secret. */
  shortest: number;
}

function sourceOf(units: Unit[]): string {
  return units.map((u) => u.source).join('');
}

/** The matcher for a list of secrets; null when none is long enough to scrub. */
export function buildSecretMatcher(literals: readonly string[]): SecretMatcher | null {
  const secrets = [...new Set(literals)]
    .filter((l) => l.length >= MIN_LITERAL_LENGTH)
    .sort((a, b) => a.length - b.length);
  if (secrets.length === 0) return null;
  const forms = secrets
    .flatMap((secret, i) =>
      formsOf(
        secret,
        secrets.slice(0, i).some((shorter) => secret.includes(shorter)),
      ),
    )
    // Longest first: where one form starts another, the whole is replaced.
    .sort((a, b) => b.longest - a.longest);
  const finding = [...new Set(forms.map((f) => sourceOf(f.units.slice(0, FIND_UNITS))))];
  const long = forms.some((f) => f.units.length > FIND_UNITS);
  return {
    find: new RegExp(finding.join('|'), 'g'),
    whole: long ? new RegExp([...new Set(forms.map((f) => sourceOf(f.units)))].join('|'), 'y') : null,
    longest: Math.max(...forms.map((f) => f.longest)),
    shortest: Math.min(...forms.map((f) => Math.min(f.shortest, FIND_UNITS))),
  };
}

/** Units of a form that make its start recognisable on its own (fewer for a form that short). */
const START_UNITS = 8;

/**
 * The forms of a secret whose first units are its own: its text, hex,
 * UTF-16 and base64 cores. Whole base64 encodings behind `Bearer `,
 * `Basic `, `token ` start with what every such header starts with, and
 * a literal holding a shorter one (`Bearer <secret>`) starts with its
 * prefix: their starts would be anyone's.
 */
function ownForms(secret: string): Form[] {
  const bytes = Buffer.from(secret, 'utf8');
  const utf16le = Buffer.from(secret, 'utf16le');
  const forms = [textForm(secret), bytesForm(utf16le), bytesForm(Buffer.from(utf16le).swap16())];
  if (bytes.length * 2 >= MIN_ENCODED_LENGTH) forms.push(hexForm(bytes));
  for (const core of new Set([...base64Cores(bytes, 'base64'), ...base64Cores(bytes, 'base64url')]))
    if (core.length >= MIN_ENCODED_LENGTH) forms.push(encodedForm(core));
  return forms;
}

/**
 * The first units (up to 8, always fewer than the whole) of every form of
 * the secrets: where an echo begins that a stream cut before its end, the
 * rest following in its next event (sse/continuity.ts). Global; null when
 * no secret is long enough to scrub.
 */
export function buildSecretStartPattern(literals: readonly string[]): RegExp | null {
  const secrets = [...new Set(literals)]
    .filter((l) => l.length >= MIN_LITERAL_LENGTH)
    .sort((a, b) => a.length - b.length)
    .filter((secret, i, sorted) => !sorted.slice(0, i).some((shorter) => secret.includes(shorter)));
  if (secrets.length === 0) return null;
  const starts = new Set<string>();
  for (const secret of secrets)
    for (const form of ownForms(secret)) {
      const units = Math.min(START_UNITS, form.units.length - 1);
      if (units >= 3) starts.add(sourceOf(form.units.slice(0, units)));
    }
  return starts.size === 0 ? null : new RegExp([...starts].join('|'), 'g');
}
