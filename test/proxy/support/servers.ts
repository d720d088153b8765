import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** A real HTTP server on loopback; `close` ends its sockets too. */
export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<LoopbackServer & { server: Server }> {
  const server = createServer(handler);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface UpstreamReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * The API behind the proxy. By default it echoes what it received as JSON;
 * a test may set `reply` to answer otherwise. Every request is recorded.
 */
export type ReplyFn = (req: RecordedRequest) => UpstreamReply | Promise<UpstreamReply>;

export async function startUpstream() {
  const requests: RecordedRequest[] = [];
  const server = await listen(async (req, res) => {
    const recorded = {
      method: req.method!,
      url: req.url!,
      headers: req.headers,
      body: (await readBody(req)).toString(),
    };
    requests.push(recorded);
    const reply = upstream.reply
      ? await upstream.reply(recorded)
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(recorded) };
    res.writeHead(reply.status ?? 200, reply.headers ?? {});
    res.end(reply.body ?? '');
  });
  const upstream = Object.assign(server, { requests, reply: undefined as ReplyFn | undefined });
  return upstream;
}

export type DecisionFn = (input: Record<string, any>) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Stands in for OPA: `POST /v1/data/<path>` with `{input}` answers
 * `{result, decision_id}` computed by `decide(input)`; like OPA it has no
 * batch API (`/v1/batch/data` is 404, unrecorded). Records paths,
 * inputs and headers; `hold` (never answer, until closed), `delayMs` (answer
 * no sooner than that) and `status` simulate a stalled, slow or failing service.
 */
export async function startDecisionService(decide: DecisionFn) {
  const calls: { path: string; input: Record<string, any>; headers: IncomingMessage['headers'] }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  const state = { decide, hold: false, delayMs: 0, status: 200, counter: 0 };
  const server = await listen(async (req, res) => {
    const text = (await readBody(req)).toString();
    if (req.url!.startsWith('/v1/batch/')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'resource_not_found', message: 'no batch API' }));
      return;
    }
    const { input } = JSON.parse(text);
    calls.push({ path: req.url!, input, headers: req.headers });
    if (state.hold) return;
    if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
    if (state.status !== 200) {
      res.writeHead(state.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'internal_error', message: 'boom' }));
      return;
    }
    const result = state.decide(input);
    const body: Record<string, unknown> = { decision_id: `dec-${++state.counter}` };
    if (result !== undefined) body.result = result;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  return Object.assign(server, { calls, state });
}

/**
 * An OIDC issuer: discovery document and JWKS on loopback, RS256 keys made
 * with jose. `rotate()` replaces the signing key (the old one leaves the JWKS).
 */
export async function startIssuer() {
  let current = await newKey('key-1');
  let keyNumber = 1;
  let jwksFetches = 0;
  const server = await listen((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer: server.url, jwks_uri: `${server.url}/jwks` }));
    } else if (req.url === '/jwks') {
      jwksFetches++;
      res.end(JSON.stringify({ keys: [current.jwk] }));
    } else {
      res.writeHead(404).end('{}');
    }
  });
  async function newKey(kid: string): Promise<{ kid: string; privateKey: CryptoKey; jwk: JWK }> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    return { kid, privateKey, jwk };
  }
  return {
    ...server,
    get jwksFetches() {
      return jwksFetches;
    },
    get publicJwk() {
      return current.jwk;
    },
    async rotate() {
      current = await newKey(`key-${++keyNumber}`);
    },
    /** A token for `claims`, valid for an hour unless claims say otherwise. */
    async sign(claims: JWTPayload, options: { key?: CryptoKey; kid?: string } = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: server.url, aud: 'portcullis', iat: now, exp: now + 3600, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? current.kid })
        .sign(options.key ?? current.privateKey);
    },
    /** The current private key (to sign tokens after a rotation with an old key). */
    get privateKey() {
      return current.privateKey;
    },
  };
}
