import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { z } from 'zod';
import type { sinkConfigSchema } from '../../../services/audit/config.js';

type SinkInput = z.input<typeof sinkConfigSchema>;

/**
 * Fake SIEMs: real HTTP servers on loopback that record what they receive
 * and fail on command (a status with or without Retry-After, a HEC error
 * code, hanging without an answer). Each keeps every request body as text,
 * and the events it decoded, in arrival order.
 */

/** What the next requests get: `ok`, an error status for `times` requests (or until changed), or `hang`. */
export type Behaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; retryAfter?: string; body?: string; times?: number }
  | { kind: 'hang'; times?: number };

export interface Receiver {
  name: string;
  url: string;
  /** Raw bodies received (decoded: gunzipped), every request, failed ones too. */
  bodies: string[];
  /** Events of the requests that were answered 2xx, in order. */
  events: Record<string, unknown>[];
  /** Every request, with its arrival time (ms). */
  requests: { path: string; headers: IncomingMessage['headers']; at: number; status?: number }[];
  behave(behaviour: Behaviour): void;
  /** Resolves once `events.length >= n`. */
  waitForEvents(n: number): Promise<void>;
  /** Resolves once `requests.length >= n` (a hung request counts once it arrived). */
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * A receiver whose `decode` turns a request body into events and `answer`
 * writes a success (each kind of SIEM answers its own way).
 */
async function receiver(
  name: string,
  decode: (req: IncomingMessage, body: string) => Record<string, unknown>[] | undefined,
  answer: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<Receiver> {
  let behaviour: Behaviour = { kind: 'ok' };
  const hanging = new Set<ServerResponse>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const requestWaiters: { n: number; resolve: () => void }[] = [];
  const self: Receiver = {
    name,
    url: '',
    bodies: [],
    events: [],
    requests: [],
    behave(next) {
      behaviour = next;
    },
    waitForEvents(n) {
      if (self.events.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    waitForRequests(n) {
      if (self.requests.length >= n) return Promise.resolve();
      return new Promise((resolve) => requestWaiters.push({ n, resolve }));
    },
    close: async () => undefined,
  };
  const { url, server } = await listen(async (req, res) => {
    const raw = await readBody(req);
    const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString() : raw.toString();
    self.bodies.push(body);
    self.requests.push({ path: req.url ?? '', headers: req.headers, at: Date.now() });
    for (const waiter of [...requestWaiters]) {
      if (self.requests.length >= waiter.n) {
        requestWaiters.splice(requestWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    const current = behaviour;
    if (current.kind !== 'ok' && current.times !== undefined) {
      current.times--;
      if (current.times <= 0) behaviour = { kind: 'ok' };
    }
    if (current.kind === 'hang') {
      hanging.add(res);
      res.once('close', () => hanging.delete(res));
      return;
    }
    if (current.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (current.retryAfter !== undefined) headers['retry-after'] = current.retryAfter;
      res.writeHead(current.status, headers).end(current.body ?? '{}');
      return;
    }
    let events: Record<string, unknown>[] | undefined;
    try {
      events = decode(req, body);
    } catch (err) {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: (err as Error).message }));
      return;
    }
    if (events) {
      self.events.push(...events);
      for (const waiter of [...waiters]) {
        if (self.events.length >= waiter.n) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    }
    answer(req, res, body);
  });
  self.url = url;
  self.close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return self;
}

/** A generic HTTP receiver (JSON array or NDJSON), checking the HMAC signature when given a secret. */
export function startHttpReceiver(name = 'siem-http', hmacSecret?: string): Promise<Receiver> {
  return receiver(
    name,
    (req, body) => {
      if (hmacSecret) {
        const expected = `sha256=${createHmac('sha256', hmacSecret).update(body).digest('hex')}`;
        if (req.headers['x-portcullis-signature'] !== expected) throw new Error('bad signature');
      }
      if (req.headers['content-type'] === 'application/x-ndjson')
        return body
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>);
      return JSON.parse(body) as Record<string, unknown>[];
    },
    (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
  );
}

/** OPA's decision-log service: `POST /logs`, gzipped JSON array. */
export function startOpaReceiver(name = 'siem-opa'): Promise<Receiver> {
  return receiver(
    name,
    (req, body) => {
      if (req.url !== '/logs' || req.headers['content-encoding'] !== 'gzip')
        throw new Error('not an OPA upload');
      return JSON.parse(body) as Record<string, unknown>[];
    },
    (_req, res) => res.writeHead(204).end(),
  );
}

/**
 * Splunk HEC: checks the token, reads concatenated envelopes, and with a
 * channel header answers an ackId that the ack endpoint confirms after
 * `pollsBeforeAck` polls.
 */
export async function startSplunkReceiver(
  token: string,
  name = 'siem-splunk',
  pollsBeforeAck = 1,
): Promise<Receiver & { acksAsked: number }> {
  let nextAck = 0;
  const polls = new Map<number, number>();
  const splunk = await receiver(
    name,
    (req, body) => {
      if (!req.url?.startsWith('/services/collector/event')) return undefined;
      if (req.headers.authorization !== `Splunk ${token}`) return undefined;
      const envelopes: Record<string, unknown>[] = [];
      for (const line of body.split('\n').filter(Boolean))
        envelopes.push(JSON.parse(line) as Record<string, unknown>);
      return envelopes;
    },
    (req, res, body) => {
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.headers.authorization !== `Splunk ${token}`)
        return json(403, { text: 'Invalid token', code: 4 });
      if (req.url?.startsWith('/services/collector/ack')) {
        extra.acksAsked++;
        const { acks } = JSON.parse(body) as { acks: number[] };
        const out: Record<string, boolean> = {};
        for (const id of acks) {
          const seen = (polls.get(id) ?? 0) + 1;
          polls.set(id, seen);
          out[String(id)] = seen >= pollsBeforeAck;
        }
        return json(200, { acks: out });
      }
      if (req.headers['x-splunk-request-channel'])
        return json(200, { text: 'Success', code: 0, ackId: nextAck++ });
      return json(200, { text: 'Success', code: 0 });
    },
  );
  const extra = { acksAsked: 0 };
  return Object.defineProperty(splunk, 'acksAsked', { get: () => extra.acksAsked }) as Receiver & {
    acksAsked: number;
  };
}

export interface FakeSiems {
  http: Receiver;
  splunk: Receiver;
  opa: Receiver;
  names: string[];
  /** Sink configurations pointing at them (with `common` blocks merged in). */
  sinkConfigs(common?: Record<string, unknown>): SinkInput[];
  /** Everything each received, as text. */
  received(): Record<string, string>;
  close(): Promise<void>;
}

export const SPLUNK_TOKEN = 'hec-token-0000-1111';
export const HMAC_SECRET = 'hmac-secret-for-tests';

export async function startSiems(): Promise<FakeSiems> {
  const http = await startHttpReceiver('siem-http', HMAC_SECRET);
  const splunk = await startSplunkReceiver(SPLUNK_TOKEN);
  const opa = await startOpaReceiver();
  return {
    http,
    splunk,
    opa,
    names: ['siem-http', 'siem-splunk', 'siem-opa'],
    sinkConfigs: (common = {}) => [
      {
        type: 'http',
        name: 'siem-http',
        url: `${http.url}/ingest`,
        hmac: { secret: { value: HMAC_SECRET } },
        ...common,
      },
      {
        type: 'splunk',
        name: 'siem-splunk',
        url: splunk.url,
        token: { value: SPLUNK_TOKEN },
        index: 'audit',
        ...common,
      },
      { type: 'opa', name: 'siem-opa', url: opa.url, ...common },
    ],
    received: () => ({
      'siem-http': http.bodies.join('\n'),
      'siem-splunk': splunk.bodies.join('\n'),
      'siem-opa': opa.bodies.join('\n'),
    }),
    close: async () => {
      await Promise.all([http.close(), splunk.close(), opa.close()]);
    },
  };
}
