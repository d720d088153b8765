import { request } from 'node:http';
import { upstreamRequestHeaders } from '../../services/proxy/forward/headers.js';
import { splitTarget } from '../../services/proxy/forward/path.js';
import { maskBody } from '../../services/proxy/mask/body.js';
import { literalScrubber, scrubBuffer, scrubHeaderValues } from '../../services/proxy/mask/scrub-stream.js';
import { startHarness, type Harness } from './support/harness.js';

// Each case here reproduces a finding of the proxy's security review.

/** A GET through the proxy with raw header names (fetch would refuse some of them). */
function rawGet(h: Harness, path: string, headers: Record<string, string>): Promise<number> {
  return h.token().then(
    (token) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(h.proxy.url);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path,
            headers: { ...headers, authorization: `Bearer ${token}` },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end();
      }),
  );
}

/** JSON-escapes one character of a string (`\u00XX`), as an upstream may. */
function escapeOneChar(text: string, at: number): string {
  return text.slice(0, at) + '\\u00' + text.charCodeAt(at).toString(16) + text.slice(at + 1);
}

const plan = (fields: string[], literals: string[] = []) => ({
  fields,
  detectors: [],
  replacement: '[MASKED]',
  literals,
});

describe('field masking needs a JSON response', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it.each([
    ['application/xml', '<c><ssn>123-45-6789</ssn></c>'],
    ['text/plain', '{"ssn":"123-45-6789"}'],
    ['text/csv', 'name,ssn\nann,123-45-6789'],
    ['application/x-ndjson', '{"ssn":"123-45-6789"}\n'],
    ['application/x-www-form-urlencoded', 'ssn=123-45-6789'],
  ])('refuses a %s response when fields are to be masked', async (type, body) => {
    h = await startHarness({ decide: () => ({ allow: true, mask: { fields: ['**.ssn'] } }) });
    h.upstream.reply = () => ({ headers: { 'content-type': type }, body });
    const res = await h.call('/api/customers', { headers: { accept: type } });
    expect(res.status).toBe(502);
    expect(res.json().error).toBe('response_not_maskable');
    expect(res.text).not.toContain('123-45-6789');
  });

  it('still masks fields in JSON and runs detectors alone over text', () => {
    const json = maskBody(Buffer.from('{"ssn":"1","ok":2}'), 'application/json', plan(['**.ssn']));
    expect(JSON.parse(json.body.toString())).toEqual({ ssn: '[MASKED]', ok: 2 });
    const text = maskBody(Buffer.from('a secret-token-1 b'), 'text/plain', plan([], ['secret-token-1']));
    expect(text.body.toString()).toBe('a [MASKED] b');
  });

  it('refuses a charset other than UTF-8, and bytes that are not UTF-8 text', () => {
    const utf16 = Buffer.from('secret-token-1', 'utf16le');
    const refuse = (body: Buffer, type: string) => () => maskBody(body, type, plan([], ['secret-token-1']));
    expect(refuse(Buffer.from('x'), 'text/plain; charset=utf-16')).toThrow(/charset/);
    expect(refuse(Buffer.from('x'), 'application/json; charset="ISO-8859-1"')).toThrow(/charset/);
    expect(refuse(utf16, 'text/plain')).toThrow(/not UTF-8/);
    expect(refuse(Buffer.from([0x61, 0xe9, 0x62]), 'text/plain')).toThrow(/not UTF-8/);
    expect(maskBody(Buffer.from('ok'), 'text/plain; charset=UTF-8', plan([])).body.toString()).toBe('ok');
  });
});

describe('request headers the policy does not see are not forwarded', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('drops method and URL overrides, names with _, and the caller Host as X-Forwarded-Host', async () => {
    h = await startHarness({
      configure: (c) => void (c.connections[0].forwardIdentity = { mode: 'headers' }),
    });
    const status = await rawGet(h, '/api/x', {
      host: 'evil.example',
      'x-http-method-override': 'DELETE',
      'x-http-method': 'DELETE',
      'x-method-override': 'DELETE',
      'x-original-url': '/admin',
      'x-rewrite-url': '/admin',
      x_portcullis_subject: 'admin',
      x_forwarded_for: '10.0.0.1',
      'x-kept': 'yes',
    });
    expect(status).toBe(200);
    const seen = h.upstream.requests[0].headers;
    for (const name of [
      'x-http-method-override',
      'x-http-method',
      'x-method-override',
      'x-original-url',
      'x-rewrite-url',
      'x_portcullis_subject',
      'x_forwarded_for',
      'x-forwarded-host',
    ]) {
      expect(seen[name]).toBeUndefined();
    }
    expect(seen['x-portcullis-subject']).toBe('alice');
    expect(seen['x-kept']).toBe('yes');
  });

  it('sends X-Forwarded-Host only from the connection configured host', () => {
    const facts = { credentialHeaders: new Set<string>(), sourceIp: '10.0.0.2', proto: 'http' as const };
    const fromCaller = upstreamRequestHeaders(
      { host: 'evil.example' },
      { ...facts, originalHost: 'evil.example' },
    );
    expect(fromCaller['x-forwarded-host']).toBeUndefined();
    const configured = upstreamRequestHeaders(
      { host: 'api.example' },
      { ...facts, configuredHost: 'api.example' },
    );
    expect(configured['x-forwarded-host']).toBe('api.example');
  });
});

describe('the query means the same to the policy and the upstream', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it.each(['/api/x?a=1;role=admin', '/api/x?a=1%00&role=admin'])(
    'refuses %s with path_invalid',
    async (path) => {
      h = await startHarness();
      const res = await h.call(path);
      expect(res.status).toBe(400);
      expect(res.json().error).toBe('path_invalid');
      expect(h.upstream.requests).toHaveLength(0);
    },
  );

  it('treats inherited property names as ordinary keys', async () => {
    h = await startHarness();
    const res = await h.call('/api/x?constructor=1&toString=2&__proto__=3&constructor=4');
    expect(res.status).toBe(200);
    expect(JSON.parse(JSON.stringify(h.decisions.calls[0].input.request.query))).toEqual({
      constructor: ['1', '4'],
      toString: ['2'],
      ['__proto__']: ['3'],
    });
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it('keeps a %3B-encoded semicolon as data', () => {
    expect(splitTarget('/x?a=1%3Brole').query.a).toEqual(['1;role']);
  });
});

describe('responses cannot forge the proxy or leak the credential', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('drops X-Portcullis-* headers sent by the upstream, streamed and buffered', async () => {
    h = await startHarness({
      decide: (input) => ({ allow: true, mask: input.request.path === '/m' ? {} : null }),
    });
    h.upstream.reply = () => ({
      headers: {
        'content-type': 'application/json',
        'x-portcullis-decision-id': 'spoofed',
        'x-portcullis-fail-open': 'true',
      },
      body: '{}',
    });
    for (const path of ['/api/s', '/api/m']) {
      const res = await h.call(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-portcullis-decision-id')).not.toBe('spoofed');
      expect(res.headers.get('x-portcullis-decision-id')).toBeTruthy();
      expect(res.headers.get('x-portcullis-fail-open')).toBeNull();
    }
  });

  it('scrubs the credential as a key, JSON-escaped, percent-encoded and base64-encoded', async () => {
    h = await startHarness({
      decide: (input) => ({ allow: true, mask: input.request.path === '/m' ? {} : null }),
    });
    const s = h.secret;
    const b64 = Buffer.from(s).toString('base64');
    const b64url = Buffer.from(s).toString('base64url');
    h.upstream.reply = () => ({
      headers: {
        'content-type': 'application/json',
        location: '/login?t=' + encodeURIComponent(s).replace(/-/g, '%2D'),
        'x-echo': escapeOneChar(s, 3),
      },
      body: JSON.stringify({ [s]: 'k', b: b64, u: b64url }).replace('"k"', `"${escapeOneChar(s, 8)}"`),
    });
    for (const path of ['/api/m', '/api/s']) {
      const res = await h.call(path);
      expect(res.status).toBe(200);
      const parsed = JSON.parse(res.text) as Record<string, string>;
      const seen = JSON.stringify(parsed) + JSON.stringify(Object.keys(parsed));
      expect(seen).not.toContain(s);
      expect(seen).not.toContain(b64.replace(/=+$/, ''));
      expect(seen).not.toContain(b64url);
      expect(decodeURIComponent(res.headers.get('location') ?? '')).not.toContain(s);
      expect(JSON.parse(`"${res.headers.get('x-echo')}"`)).not.toContain(s);
    }
  });

  it('catches an escaped credential split across stream chunks', async () => {
    const secret = 'abcd-secret-value';
    const escaped = Buffer.from(`x ${escapeOneChar(secret, 5).replace('t', '%74')} y`);
    expect(scrubBuffer(escaped, [secret], '#').toString()).toBe('x # y');
    const scrubber = literalScrubber([secret], '#');
    const out: Buffer[] = [];
    scrubber.on('data', (chunk: Buffer) => out.push(chunk));
    const ended = new Promise((resolve) => scrubber.on('end', resolve));
    for (let i = 0; i < escaped.length; i++) scrubber.write(escaped.subarray(i, i + 1));
    scrubber.end();
    await ended;
    expect(Buffer.concat(out).toString()).toBe('x # y');
    const headers: Record<string, string> = { a: `Basic ${Buffer.from(secret).toString('base64')}` };
    scrubHeaderValues(headers, [secret], '#');
    // The padding carries nothing of the secret.
    expect(headers.a).toMatch(/^Basic #=*$/);
  });
});

describe('error answers carry no internal detail', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('does not name the secret env variable or file', async () => {
    h = await startHarness({
      configure: (c) =>
        void (c.connections = [
          {
            ...c.connections[0],
            credential: { type: 'bearer', value: { file: '/nonexistent/portcullis/cred' } },
          },
          {
            ...c.connections[0],
            name: 'env',
            match: { pathPrefix: '/env' },
            credential: { type: 'bearer', value: { env: 'PC_TEST_UNSET_VARIABLE_NAME' } },
          },
        ]),
    });
    for (const path of ['/api/x', '/env/x']) {
      const res = await h.call(path);
      expect(res.status).toBe(500);
      expect(res.json().error).toBe('credential_unavailable');
      expect(res.text).not.toMatch(/nonexistent|PC_TEST_UNSET/);
    }
  });

  it('does not relay the upstream connection error', async () => {
    h = await startHarness({
      configure: (c) => void (c.connections[0].upstream = 'http://127.0.0.1:1'),
    });
    const res = await h.call('/api/x');
    expect(res.status).toBe(502);
    expect(res.json().error).toBe('upstream_unreachable');
    expect(res.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });
});
