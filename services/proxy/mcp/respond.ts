import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { jsonTooDeep, MAX_BODY_DEPTH } from '../../common/json-depth.js';
import { isJsonType, mediaType } from '../content-type.js';
import { ProxyError } from '../errors.js';
import { callerResponseHeaders } from '../forward/headers.js';
import { discardBody, upstreamFailure, type UpstreamResponse } from '../forward/upstream.js';
import { decodeBody, readBounded } from '../mask/body.js';
import { scrubBuffer, scrubHeaderValues } from '../mask/scrub-stream.js';
import { hasNoBody, streamResponse, writeHead } from '../respond.js';
import { respondEventStream } from '../sse/stream.js';
import type { McpAnswers } from './answers.js';
import type { JsonObject } from './jsonrpc.js';

/** Writes a JSON-RPC reply the proxy made itself. */
export function writeJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export interface UpstreamAnswer {
  res: ServerResponse;
  upstream: UpstreamResponse;
  /** The connection's credential in the forms it was sent. */
  literals: readonly string[];
  answering: McpAnswers;
  /** The proxy's own answers (refusals, pending approvals), sent with the upstream's. */
  local: JsonObject[];
  /** The caller sent a batch: the JSON reply is an array. */
  batch: boolean;
  streamed: boolean;
  maxResponseBytes: number;
  maxEventBytes: number;
  replacement: string;
  tap(output: Readable): void;
}

/**
 * The upstream's reply to the forwarded messages, with the proxy's own
 * answers added: an event stream is inspected event by event (the proxy's
 * answers first); a JSON reply is read (bounded), each answer treated, and
 * sent whole; an empty 202 becomes the proxy's answers when it has any.
 * HTTP errors of the upstream (an unknown session, a bad request) pass as
 * they are.
 */
export async function answerUpstream(a: UpstreamAnswer): Promise<void> {
  const { res, upstream, answering } = a;
  const all = (treated: unknown[]) => {
    const out = [...treated, ...a.local];
    return a.batch ? out : out[0];
  };
  if (hasNoBody('POST', upstream.status) || upstream.status === 202) {
    if (a.local.length > 0) {
      discardBody(upstream.body);
      writeJson(res, 200, all([]));
      return;
    }
    await streamResponse(res, 'POST', upstream, a.literals, a.replacement);
    return;
  }
  if (upstream.status < 200 || upstream.status >= 300) {
    await streamResponse(res, 'POST', upstream, a.literals, a.replacement);
    return;
  }
  if (a.streamed) {
    await respondEventStream(res, upstream, {
      literals: a.literals,
      replacement: a.replacement,
      maxEventBytes: a.maxEventBytes,
      onEvent: answering.onEvent,
      prelude: a.local.map((answer) => ({ event: 'message', data: JSON.stringify(answer) })),
      onFailure: answering.failureEvents,
      tap: a.tap,
    });
    return;
  }
  // The status line has not gone: each call still waiting gets a refusal as its JSON-RPC error.
  const refuseOpen = (err: ProxyError) => {
    if (answering.open.length === 0 && a.local.length === 0) throw err;
    writeJson(res, 200, all(answering.failureAnswers(err)));
  };
  const type = mediaType(upstream.headers['content-type']);
  if (!isJsonType(type)) {
    discardBody(upstream.body);
    refuseOpen(
      new ProxyError('response_not_maskable', `the MCP server answered ${type ?? 'untyped'} content`),
    );
    return;
  }
  const limit = a.maxResponseBytes;
  const declared = upstream.headers['content-length'];
  let text: string;
  try {
    const raw = await readBounded(
      upstream.body,
      limit,
      typeof declared === 'string' ? declared : undefined,
    ).catch((err: unknown) => {
      throw upstreamFailure(err, upstream.connection);
    });
    const encoding = upstream.headers['content-encoding'] as string | undefined;
    text = decodeBody(raw, encoding, limit).toString('utf8');
  } catch (err) {
    // Too large to mask, cut off, idle, or in an encoding that cannot be read.
    if (!(err instanceof ProxyError)) throw err;
    refuseOpen(err);
    return;
  }
  let value: unknown;
  try {
    if (jsonTooDeep(text, MAX_BODY_DEPTH)) throw new Error('too deep');
    value = JSON.parse(text);
  } catch {
    refuseOpen(new ProxyError('response_not_maskable', 'the MCP server answered JSON that does not parse'));
    return;
  }
  const treated = await Promise.all((Array.isArray(value) ? value : [value]).map((m) => answering.answer(m)));
  const reply = Array.isArray(value) || a.batch ? [...treated, ...a.local] : treated[0];
  const body = scrubBuffer(Buffer.from(JSON.stringify(reply)), a.literals, a.replacement);
  const headers = callerResponseHeaders(upstream.headers);
  scrubHeaderValues(headers, a.literals, a.replacement);
  delete headers['content-encoding'];
  delete headers.etag;
  headers['content-length'] = String(body.length);
  writeHead(res, upstream.status, headers);
  res.end(body);
}
