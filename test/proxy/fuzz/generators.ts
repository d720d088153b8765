import fc from 'fast-check';

/**
 * Generators for the proxy's fuzzing campaign: request paths, queries and
 * HTTP/1.1 framing, built as raw bytes so they can be what no client
 * library would send.
 */

/** Path segments, plain and tricky: dot segments, encodings, Unicode, Windows aliases. */
export const segment = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('admin', 'users', 'v1', 'items', '42', 'a.b', '~me', 'x-y_z') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '.',
      '..',
      '',
      '%2e',
      '%2E%2e',
      '.%2e',
      '%2f',
      '%2F..%2F',
      '%5c',
      '\\',
      ';x=1',
      '%3b',
      '%00',
      '%25',
      '%252e',
      '%u002e',
      '%C0%AE',
      '%E0%80%AE',
      '%EF%BC%8E%EF%BC%8E',
      '%EF%BD%81dmin',
      '%E2%88%95',
      '%C2%A5',
      '%E2%80%8B',
      '%C4%B1',
      'ADMINI~1',
      'admin.',
      'admin%20',
      'admin::$DATA',
      '%3F',
      '%23',
      '#',
      'caf%C3%A9',
      '%D0%BF%D1%83%D1%82%D1%8C',
      '%ff',
      '%',
      '%zz',
      '*',
      '@',
      ':',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 })
      .map((bytes) => bytes.map((b) => '%' + b.toString(16).padStart(2, '0')).join('')),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }).map(encodeURIComponent),
  },
);

export const path = fc
  .array(segment, { minLength: 0, maxLength: 6 })
  .map((parts) => '/api/' + parts.join('/'));

const queryKey = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'role', 'q', '__proto__', 'a[]', 'constructor') },
  { weight: 1, arbitrary: fc.constantFrom('_method', '_METHOD', '.method', '_method[]') },
);
const queryValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('1', 'x+y', 'DELETE', 'admin', '', '%41', '%2B', '+', 'a%3Db') },
  { weight: 1, arbitrary: fc.constantFrom('%00', '%C0%AE', '%', ';', '#', '%zz', '%E2%80%8B') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }).map(encodeURIComponent) },
);
export const query = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.tuple(queryKey, queryValue), { minLength: 1, maxLength: 4 })
      .map((pairs) => '?' + pairs.map(([k, v]) => `${k}=${v}`).join('&')),
  },
);

export const method = fc.constantFrom(
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'get',
  'TRACE',
);

export const body = fc.oneof(
  fc.constant(''),
  fc.string({ unit: 'grapheme-ascii', maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    '_method=DELETE',
    '{"_method":"DELETE"}',
    '0\r\n\r\nGET /admin HTTP/1.1\r\nHost: x\r\n\r\n',
  ),
);

/** How the body is framed, and the tricks played on the framing headers. */
export type Framing =
  | {
      kind: 'length';
      declared: 'exact' | 'short' | 'long' | 'plus' | 'hex' | 'spaced' | 'twice-same' | 'twice-other';
    }
  | {
      kind: 'chunked';
      coding: string;
      cuts: number[];
      extension: boolean;
      trailer: boolean;
      alsoLength: boolean;
      badSize: boolean;
    }
  | { kind: 'none' };

const chunkedFraming = (odd: boolean) =>
  fc.record({
    kind: fc.constant('chunked' as const),
    coding: odd
      ? fc.constantFrom(
          'Chunked',
          ' chunked',
          'chunked, identity',
          'gzip, chunked',
          'chunked\t',
          'xchunked',
          'chunked;q=1',
        )
      : fc.constant('chunked'),
    cuts: fc.array(fc.nat(300), { maxLength: 4 }),
    extension: fc.boolean(),
    trailer: fc.boolean(),
    alsoLength: odd ? fc.boolean() : fc.constant(false),
    badSize: odd ? fc.boolean() : fc.constant(false),
  });

export const framing: fc.Arbitrary<Framing> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'length' as const, declared: 'exact' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('length' as const),
      declared: fc.constantFrom(
        'short' as const,
        'long' as const,
        'plus' as const,
        'hex' as const,
        'spaced' as const,
        'twice-same' as const,
        'twice-other' as const,
      ),
    }),
  },
  { weight: 2, arbitrary: chunkedFraming(false) },
  { weight: 1, arbitrary: chunkedFraming(true) },
);

/** Header-level tricks: odd spacing, folding, bare LF, underscores, versions, a pipelined second request. */
export interface Tricks {
  spaceBeforeColon: boolean;
  obsFold: boolean;
  bareLf: boolean;
  underscoreLength: boolean;
  http10: boolean;
  absoluteForm: boolean;
  overrideHeader: boolean;
  pipelined: boolean;
}

/** True one time in `n`: each trick is rare, so most requests are otherwise well formed. */
const rarely = (n: number) =>
  fc.oneof({ weight: n - 1, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

export const tricks: fc.Arbitrary<Tricks> = fc.record({
  spaceBeforeColon: rarely(12),
  obsFold: rarely(12),
  bareLf: rarely(12),
  underscoreLength: rarely(12),
  http10: rarely(8),
  absoluteForm: rarely(8),
  overrideHeader: rarely(6),
  pipelined: rarely(4),
});

export interface RawRequest {
  method: string;
  target: string;
  body: string;
  framing: Framing;
  tricks: Tricks;
}

export const rawRequest: fc.Arbitrary<RawRequest> = fc.record({
  method,
  target: fc.tuple(path, query).map(([p, q]) => p + q),
  body,
  framing,
  tricks,
});

/** The bytes of one request carrying `id` in X-Fuzz-Id, authenticated with `apiKey`. */
export function requestBytes(request: RawRequest, id: string, apiKey: string, last: boolean): string {
  const { method: verb, body: text, framing: f, tricks: t } = request;
  const eol = '\r\n';
  const lines: string[] = [];
  const target = t.absoluteForm ? `http://proxy${request.target}` : request.target;
  lines.push(`${verb} ${target} HTTP/1.${t.http10 ? 0 : 1}`);
  lines.push('Host: proxy', `X-Api-Key: ${apiKey}`, `X-Fuzz-Id: ${id}`);
  if (last) lines.push('Connection: close');
  if (t.overrideHeader) lines.push('X-HTTP-Method-Override: DELETE');
  if (t.obsFold) lines.push('X-Folded: a', ' b');
  let payload = '';
  if (f.kind === 'length') {
    const n = Buffer.byteLength(text);
    const name = t.underscoreLength ? 'Content_Length' : 'Content-Length';
    const colon = t.spaceBeforeColon ? ' :' : ':';
    const value = {
      exact: String(n),
      short: String(Math.max(0, n - 3)),
      long: String(n + 3),
      plus: `+${n}`,
      hex: `0x${n.toString(16)}`,
      spaced: ` ${n} `,
      'twice-same': String(n),
      'twice-other': String(n),
    }[f.declared];
    lines.push(`${name}${colon} ${value}`);
    if (f.declared === 'twice-same') lines.push(`Content-Length: ${n}`);
    if (f.declared === 'twice-other') lines.push(`Content-Length: ${n + 1}`);
    payload = text;
  } else if (f.kind === 'chunked') {
    lines.push(`Transfer-Encoding${t.spaceBeforeColon ? ' ' : ''}: ${f.coding}`);
    if (f.alsoLength) lines.push(`Content-Length: ${Buffer.byteLength(text)}`);
    if (f.trailer) lines.push('Trailer: x-check');
    const bytes = Buffer.from(text);
    const points = [...new Set(f.cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const chunks = [0, ...points]
      .map((p, i, all) => bytes.subarray(p, all[i + 1] ?? bytes.length))
      .filter((c) => c.length > 0);
    payload = chunks
      .map((c, i) => {
        const size = f.badSize && i === 0 ? c.length.toString(16) + 'g' : c.length.toString(16);
        return `${size}${f.extension ? ';ext=1' : ''}${eol}${c.toString('latin1')}${eol}`;
      })
      .join('');
    payload += `0${eol}${f.trailer ? `x-check: 1${eol}` : ''}${eol}`;
  }
  const head = lines.join(eol) + eol + eol;
  return (t.bareLf ? head.replace(/\r\n(?=X-Fuzz-Id)/, '\n') : head) + payload;
}
