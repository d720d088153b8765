import { connect, type Socket } from 'node:net';
import { parseAnswer, rawExchange as raw, received } from './support/raw-http.js';
import { gzipSync } from 'node:zlib';
import { hashApiKey } from '../../services/proxy/identity/api-keys.js';
import { startProxyChild, type ProxyChild } from './support/child.js';
import { head, startHostileUpstream, type Behaviour } from './support/hostile-upstream.js';
import { startDecisionService } from './support/servers.js';

/**
 * No single request, upstream or caller can end the proxy process. The
 * proxy runs in a child process (the built dist/), so a crash shows as the
 * child having exited; after every hostile exchange the same process must
 * still answer an ordinary request.
 */

const API_KEY = 'survival-key-' + 'k'.repeat(20);
const SECRET = 'survival-secret-0123456789';
const BODY = '{"ok":true}';

function get(path: string): string {
  return `GET ${path} HTTP/1.1\r\nHost: proxy\r\nX-Api-Key: ${API_KEY}\r\nConnection: close\r\n\r\n`;
}

/** Held responses, released by the test once the caller has gone. */
const held: Socket[] = [];
let onHeld: ((socket: Socket) => void) | undefined;

/** The next upstream socket the `hold` behaviour keeps. */
function nextHeld(): Promise<Socket> {
  return new Promise((resolve) => (onHeld = resolve));
}

const behaviours: Record<string, Behaviour> = {
  ok: (s) => s.end(head(200, { 'content-type': 'application/json', 'content-length': BODY.length }) + BODY),
  zstd: (s) => s.end(head(200, { 'content-encoding': 'zstd', 'content-length': 4 }) + '\x28\xb5\x2f\xfd'),
  'x-custom': (s) => s.end(head(200, { 'content-encoding': 'x-custom', 'content-length': 3 }) + 'abc'),
  'bad-gzip': (s) =>
    s.end(
      head(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': 9 }) +
        'not gzip!',
    ),
  'truncated-gzip': (s) => {
    const gz = gzipSync(Buffer.from(BODY.repeat(50)));
    const cut = gz.subarray(0, gz.length - 10);
    s.end(
      Buffer.concat([
        Buffer.from(
          head(200, {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            'content-length': cut.length,
          }),
        ),
        cut,
      ]),
    );
  },
  'abort-mid-body': (s) => {
    s.write(head(200, { 'content-type': 'application/json', 'content-length': 1000 }) + '{"partial":');
    s.destroy();
  },
  'reset-mid-body': (s) => {
    s.write(
      head(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }) +
        'b\r\n{"partial":\r\n',
    );
    s.resetAndDestroy();
  },
  'reset-before-headers': (s) => s.resetAndDestroy(),
  'close-before-headers': (s) => s.end(),
  'truncated-chunked': (s) =>
    s.end(
      head(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }) +
        'b\r\n{"partial":\r\n',
    ),
  'bad-chunk-size': (s) =>
    s.end(
      head(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }) +
        'zz\r\nhello\r\n0\r\n\r\n',
    ),
  trailers: (s) =>
    s.end(
      head(200, {
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
        trailer: 'x-checksum',
      }) + `${BODY.length.toString(16)}\r\n${BODY}\r\n0\r\nx-checksum: abc\r\n\r\n`,
    ),
  'huge-length': (s) => {
    s.write(head(200, { 'content-type': 'application/json', 'content-length': 10 ** 12 }) + '{"a":');
    s.destroy();
  },
  'two-lengths': (s) =>
    s.end(
      head(200, { 'content-type': 'application/json', 'content-length': 2 }).replace(
        '\r\n\r\n',
        '\r\ncontent-length: 3\r\n\r\n',
      ) + '{}x',
    ),
  'bad-header': (s) => s.end(`HTTP/1.1 200 OK\r\nX-Bad: a\x01b\r\nContent-Length: 2\r\n\r\n{}`),
  'garbage-after': (s) =>
    s.end(
      head(200, { 'content-type': 'application/json', 'content-length': 2 }) +
        '{}HTTP/1.1 200 OK\r\nX: y\r\n\r\n',
    ),
  'early-hints': (s) =>
    s.end(
      'HTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n' +
        head(200, { 'content-length': 2, 'content-type': 'application/json' }) +
        '{}',
    ),
  'not-http': (s) => s.end('SSH-2.0-OpenSSH_9.0\r\n'),
  drip: (s) => {
    // More than the scrubber holds back between chunks, so the caller gets some of it.
    const first = 'x'.repeat(64 * 1024);
    s.write(
      head(200, { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' }) +
        `${first.length.toString(16)}\r\n${first}\r\n`,
    );
    held.push(s);
    onHeld?.(s);
  },
  hold: (s) => {
    held.push(s);
    onHeld?.(s);
  },
};

let proxy: ProxyChild;
let upstream: Awaited<ReturnType<typeof startHostileUpstream>>;
let decisions: Awaited<ReturnType<typeof startDecisionService>>;

beforeAll(async () => {
  upstream = await startHostileUpstream(behaviours);
  decisions = await startDecisionService((input) => ({
    allow: true,
    mask: input.connection.name === 'mask' ? { fields: ['**.secret'] } : null,
  }));
  const connection = (name: string, credential: boolean) => ({
    name,
    match: { pathPrefix: `/${name}` },
    upstream: upstream.url,
    ...(credential ? { credential: { type: 'bearer' as const, value: { env: 'PC_SURVIVAL_SECRET' } } } : {}),
    timeouts: { connectMs: 5000, headersMs: 30_000, bodyMs: 30_000 },
  });
  proxy = await startProxyChild(
    {
      decisionUrl: decisions.url,
      decision: { timeoutMs: 10_000 },
      identity: { apiKeys: [{ id: 'k', sha256: hashApiKey(API_KEY), subject: 'tester' }] },
      connections: [connection('stream', true), connection('mask', true), connection('plain', false)],
    },
    { PC_SURVIVAL_SECRET: SECRET },
  );
}, 60_000);

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await proxy?.close();
  await Promise.all([upstream?.close(), decisions?.close()]);
});

/** The process is alive and still answers an ordinary request on every connection. */
async function stillServes(): Promise<void> {
  if (!proxy.alive()) throw new Error(`the proxy process died:\n${proxy.stderr()}`);
  for (const connection of ['stream', 'mask', 'plain']) {
    const answer = await raw(proxy.url, get(`/${connection}/ok`));
    const parsed = parseAnswer(answer);
    expect([connection, parsed.status, parsed.body.toString(), parsed.complete]).toEqual([
      connection,
      200,
      BODY,
      true,
    ]);
  }
}

describe('an upstream cannot end the proxy process', () => {
  // [behaviour, status on the streamed connection, on the masked one, on the plain one]
  // null: the head may already be sent when the body fails: the caller must then see
  // the answer cut short (never a complete answer made of a partial body).
  it.each([
    ['zstd', 502, 502, 200],
    ['x-custom', 502, 502, 200],
    ['bad-gzip', 502, 502, 200],
    ['truncated-gzip', null, 502, 200],
    ['abort-mid-body', null, 502, null],
    ['reset-mid-body', null, 502, null],
    ['reset-before-headers', 502, 502, 502],
    ['close-before-headers', 502, 502, 502],
    ['truncated-chunked', null, 502, null],
    ['bad-chunk-size', null, 502, null],
    ['trailers', 200, 200, 200],
    ['huge-length', null, 502, null],
    ['two-lengths', 502, 502, 502],
    ['bad-header', 502, 502, 502],
    ['garbage-after', 200, 200, 200],
    ['early-hints', 200, 200, 200],
    ['not-http', 502, 502, 502],
  ] as const)('%s', async (name, streamed, masked, plain) => {
    const expected = { stream: streamed, mask: masked, plain };
    for (const [connection, want] of Object.entries(expected)) {
      const answer = await raw(proxy.url, get(`/${connection}/${name}`));
      if (!proxy.alive()) throw new Error(`the proxy process died on ${connection}:\n${proxy.stderr()}`);
      const parsed = parseAnswer(answer);
      if (want !== null) expect([connection, parsed.status]).toEqual([connection, want]);
      else if (parsed.status === 200) expect([connection, parsed.complete]).toEqual([connection, false]);
      else expect([connection, parsed.status]).toEqual([connection, expect.any(Number)]);
      expect(answer).not.toContain(SECRET);
    }
    await stillServes();
  });
});

describe('a caller cannot end the proxy process', () => {
  it('going away while the upstream has not answered, then the upstream answering', async () => {
    for (const connection of ['stream', 'mask', 'plain']) {
      const reached = nextHeld();
      const { hostname, port } = new URL(proxy.url);
      const socket = connect(Number(port), hostname, () => socket.write(get(`/${connection}/hold`)));
      const closed = received(socket);
      const upstreamSocket = await reached;
      socket.destroy();
      await closed;
      upstreamSocket.end(
        head(200, { 'content-type': 'application/json', 'content-length': BODY.length }) + BODY,
      );
    }
    await stillServes();
  });

  it('going away in the middle of a streamed response', async () => {
    for (const connection of ['stream', 'plain']) {
      const reached = nextHeld();
      const { hostname, port } = new URL(proxy.url);
      const socket = connect(Number(port), hostname, () => socket.write(get(`/${connection}/drip`)));
      const firstBytes = new Promise((resolve) => socket.once('data', resolve));
      const closed = received(socket);
      const upstreamSocket = await reached;
      await firstBytes;
      socket.resetAndDestroy();
      await closed;
      upstreamSocket.end('4\r\nmore\r\n0\r\n\r\n');
    }
    await stillServes();
  });

  it.each([
    ['a body cut short of its length', 'Content-Length: 100\r\n\r\n{"partial":', 'end'],
    ['a body reset mid-way', 'Content-Length: 100\r\n\r\n{"partial":', 'reset'],
    ['a truncated chunked body', 'Transfer-Encoding: chunked\r\n\r\n5\r\nabc', 'end'],
    ['a bad chunk size', 'Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n', 'wait'],
    ['garbage after a request', 'Content-Length: 2\r\n\r\n{}\x00\x01garbage\r\n\r\n', 'wait'],
  ])('sending %s', async (_name, rest, ending) => {
    for (const connection of ['stream', 'mask', 'plain']) {
      const { hostname, port } = new URL(proxy.url);
      const text = `POST /${connection}/ok HTTP/1.1\r\nHost: proxy\r\nX-Api-Key: ${API_KEY}\r\n${rest}`;
      const socket = connect(Number(port), hostname);
      const closed = received(socket);
      socket.write(text, () => {
        if (ending === 'end') socket.end();
        else if (ending === 'reset') socket.resetAndDestroy();
      });
      await closed;
    }
    await stillServes();
  });
});
