import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { ProxyError } from '../errors.js';
import { inClientSpan } from '../http-span.js';
import { tracingActive } from '../telemetry.js';
import type { DecisionInput } from './input.js';
import type { DecisionAnswer, DecisionHealth, DecisionSource } from './source.js';

/** The HTTP client's health: the proxy's own liveness (the decision service has its own /health). */
const LIVE: DecisionHealth = { status: 200, body: {} };

/**
 * How much longer than the evaluation deadline the proxy waits for an
 * answer: the decision service answers an evaluation over its deadline
 * itself (500 `eval_cancel_error`, closed), so only a service that cannot
 * answer at all reaches the proxy's own timer (unavailable).
 */
export const TRANSPORT_GRACE_MS = 500;

/** The header asking the decision service for an evaluation deadline (services/decision/api/query-params.ts). */
const DEADLINE_HEADER = 'x-portcullis-deadline-ms';

/** A decision id the proxy can echo in a header and a log line as it is. */
const SAFE_DECISION_ID = /^[\x21-\x7e]{1,128}$/;

/** Most decisions in one batch exchange. */
const BATCH_MAX_INPUTS = 64;
/** Most input bytes in one batch (a larger input goes alone); the decision service's own body limit is 1 MiB by default. */
const BATCH_MAX_BYTES = 256 * 1024;

/** A decision waiting to be sent with the others of its turn. */
interface Waiting {
  inputJson: string;
  requestId?: string;
  resolve: (answer: DecisionAnswer) => void;
  reject: (err: Error) => void;
}

function settle(item: Waiting, answer: Promise<DecisionAnswer>): void {
  answer.then(item.resolve, item.reject);
}

function encodedEntrypoint(entrypoint: string): string {
  return entrypoint.split('/').map(encodeURIComponent).join('/');
}

/**
 * The input as JSON, before any call: an input that cannot be serialised
 * (absurd nesting) is the caller's doing, never a reason to fail open.
 */
function serialise(input: DecisionInput): string {
  try {
    return JSON.stringify(input);
  } catch (err) {
    throw new ProxyError('bad_request', 'the request cannot be expressed as a decision input', {
      cause: err,
    });
  }
}

/**
 * A status other than 200, for one decision or a batch. Only the service
 * being away (502-504) may count as unavailable, which a fail-open
 * connection forwards on. Any other status answers this request (too
 * large, malformed, an evaluation error the input provoked): closed.
 */
function statusError(status: number, text: string): ProxyError {
  const code = status >= 502 && status <= 504 ? 'decision_unavailable' : 'decision_invalid';
  return new ProxyError(code, `decision service answered HTTP ${status}`, {
    cause: new Error(text.slice(0, 200)),
  });
}

/**
 * A 200 body as a JSON object. One that is not came from something that
 * answered for the service (a captive portal, a misrouted ingress): not an
 * outage to open on.
 */
function parseAnswer(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ProxyError('decision_invalid', 'decision service answered 200 with a body that is not JSON', {
      cause: new Error(text.slice(0, 200)),
    });
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ProxyError('decision_invalid', 'decision service answered 200 with JSON that is not an object');
  }
  return body as Record<string, unknown>;
}

/** The decision of an answer; a decision_id is minted when the service sends none or one unfit for a header. */
function answerOf(body: Record<string, unknown>): DecisionAnswer {
  const decisionId =
    typeof body.decision_id === 'string' && SAFE_DECISION_ID.test(body.decision_id)
      ? body.decision_id
      : randomUUID();
  return { decisionId, result: body.result };
}

/** Statuses of a service without the batch API (OPA: 404), and of a batch over its body limit (413). */
const NO_BATCH_API = new Set([404, 405, 413, 501]);

function batchResponses(body: Record<string, unknown>): Record<string, unknown> {
  const { responses } = body;
  if (responses === null || typeof responses !== 'object' || Array.isArray(responses))
    throw new ProxyError('decision_invalid', 'decision service answered a batch without responses');
  return responses as Record<string, unknown>;
}

/** One decision of a batch answer: its decision, or its error as the status it would have had alone. */
function batchAnswer(answer: unknown): DecisionAnswer {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer))
    throw new ProxyError('decision_invalid', 'decision service answered a batch without this decision');
  const item = answer as Record<string, unknown>;
  if ('http_status_code' in item) {
    const status = typeof item.http_status_code === 'number' ? item.http_status_code : 500;
    throw statusError(status === 200 ? 500 : status, JSON.stringify(item));
  }
  return answerOf(item);
}

/**
 * Asks the decision service over OPA's REST API:
 * `POST {decisionUrl}/v1/data/{entrypoint}` with `{"input": ...}`.
 * Only the service being away is `decision_unavailable` (a fail-open
 * connection forwards on it): no connection, no answer within the deadline
 * plus `TRANSPORT_GRACE_MS`, the answer cut off, or HTTP 502–504. Every
 * other answer is about this request and is `decision_invalid`: another
 * status, or a 200 whose body is not a JSON object (an HTML error page
 * from something in between, say). A decision_id is minted here when the
 * service sends none (OPA without decision logs) or one unfit for a header.
 * Decisions asked in the same turn go together to the batch API (one
 * exchange instead of one each: at load, the socket writes and reads of
 * the decision calls are most of their cost), each failing or answered as
 * it would have alone.
 */
export class DecisionClient implements DecisionSource {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly origin: string;
  /** Request paths by entrypoint (a connection's entrypoint is fixed, requests are many). */
  private readonly paths = new Map<string, string>();
  private readonly batchPaths = new Map<string, string>();
  /** Decisions waiting for this turn's flush, by entrypoint. */
  private readonly waiting = new Map<string, Waiting[]>();
  private flushScheduled = false;
  /** False once the service has answered that it has no batch API. */
  private batching = true;

  constructor(
    decisionUrl: string,
    private readonly timeoutMs: number,
  ) {
    const url = new URL(decisionUrl);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.origin = url.origin;
    this.pool = new Pool(url.origin, {
      connections: 64,
      keepAliveTimeout: 10_000,
      headersTimeout: timeoutMs + TRANSPORT_GRACE_MS + 1000,
      bodyTimeout: timeoutMs + TRANSPORT_GRACE_MS + 1000,
    });
  }

  async decide(entrypoint: string, input: DecisionInput, requestId?: string): Promise<DecisionAnswer> {
    const inputJson = serialise(input);
    // A traced decision keeps its own exchange: its span and trace context are its own.
    if (!this.batching || tracingActive()) return this.decideOne(entrypoint, inputJson, requestId);
    return new Promise((resolve, reject) => {
      const waiting = this.waiting.get(entrypoint);
      const item: Waiting = { inputJson, requestId, resolve, reject };
      if (waiting) waiting.push(item);
      else this.waiting.set(entrypoint, [item]);
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      // After this turn's I/O callbacks: the decisions of requests read together go together.
      setImmediate(() => this.flush());
    });
  }

  /** Sends what waits: alone as `POST /v1/data`, together as batches of at most BATCH_MAX_INPUTS and BATCH_MAX_BYTES. */
  private flush(): void {
    this.flushScheduled = false;
    for (const [entrypoint, items] of this.waiting) {
      let batch: Waiting[] = [];
      let bytes = 0;
      const send = () => {
        if (batch.length === 1)
          settle(batch[0], this.decideOne(entrypoint, batch[0].inputJson, batch[0].requestId));
        else if (batch.length > 1) void this.decideBatch(entrypoint, batch);
        batch = [];
        bytes = 0;
      };
      for (const item of items) {
        if (batch.length === BATCH_MAX_INPUTS || bytes + item.inputJson.length > BATCH_MAX_BYTES) send();
        batch.push(item);
        bytes += item.inputJson.length;
      }
      send();
    }
    this.waiting.clear();
  }

  /** One decision in one exchange: `POST {decisionUrl}/v1/data/{entrypoint}`. */
  private async decideOne(
    entrypoint: string,
    inputJson: string,
    requestId?: string,
  ): Promise<DecisionAnswer> {
    const path = this.pathFor(entrypoint);
    const headers = this.headers();
    // One id for the request in the proxy's and the decision service's logs.
    if (requestId) headers['x-request-id'] = requestId;
    let status: number;
    let text: string;
    try {
      ({ status, text } = await inClientSpan(
        { method: 'POST', origin: this.origin, path },
        headers,
        { 'portcullis.entrypoint': entrypoint },
        () => this.post(path, headers, `{"input":${inputJson}}`),
      ));
    } catch (err) {
      // The detail (the service's address) is for the log, not the caller.
      throw new ProxyError('decision_unavailable', undefined, { cause: err });
    }
    if (status !== 200) throw statusError(status, text);
    return answerOf(parseAnswer(text));
  }

  /**
   * Several decisions in one exchange: `POST {decisionUrl}/v1/batch/data/{entrypoint}`
   * (services/decision/api/batch-route.ts), each answered or failed as it
   * would have been alone. A service without the batch API (OPA: 404; 405
   * or 501; a 200 that is not a batch answer) gets single decisions from
   * then on; a batch over its body limit (413) is sent again one decision
   * at a time.
   */
  private async decideBatch(entrypoint: string, items: Waiting[]): Promise<void> {
    const path = this.batchPathFor(entrypoint);
    const body = `{"inputs":{${items.map((item, i) => `"${i}":${item.inputJson}`).join(',')}}}`;
    let status: number;
    let text: string;
    try {
      ({ status, text } = await this.post(path, this.headers(), body));
    } catch (err) {
      const error = new ProxyError('decision_unavailable', undefined, { cause: err });
      for (const item of items) item.reject(error);
      return;
    }
    let responses: Record<string, unknown>;
    try {
      if (status !== 200 && status !== 207) {
        if (!NO_BATCH_API.has(status)) throw statusError(status, text);
        if (status !== 413) this.batching = false;
        return this.decideEach(entrypoint, items);
      }
      const answer = parseAnswer(text);
      if (status === 200 && !('responses' in answer)) {
        // Something that answers any path with one decision (a stand-in, a
        // gateway in front of OPA) does not speak the batch API: ask again
        // one by one rather than read an answer meant for something else.
        this.batching = false;
        return this.decideEach(entrypoint, items);
      }
      responses = batchResponses(answer);
    } catch (err) {
      for (const item of items) item.reject(err as Error);
      return;
    }
    items.forEach((item, i) => {
      try {
        item.resolve(batchAnswer(responses[String(i)]));
      } catch (err) {
        item.reject(err as Error);
      }
    });
  }

  private decideEach(entrypoint: string, items: Waiting[]): void {
    for (const item of items) settle(item, this.decideOne(entrypoint, item.inputJson, item.requestId));
  }

  private headers(): Record<string, string> {
    return {
      'content-type': 'application/json',
      accept: 'application/json',
      [DEADLINE_HEADER]: String(this.timeoutMs),
    };
  }

  private batchPathFor(entrypoint: string): string {
    let path = this.batchPaths.get(entrypoint);
    if (path === undefined) {
      path = `${this.basePath}/v1/batch/data/${encodedEntrypoint(entrypoint)}`;
      this.batchPaths.set(entrypoint, path);
    }
    return path;
  }

  private pathFor(entrypoint: string): string {
    let path = this.paths.get(entrypoint);
    if (path === undefined) {
      path = `${this.basePath}/v1/data/${encodedEntrypoint(entrypoint)}`;
      this.paths.set(entrypoint, path);
    }
    return path;
  }

  /**
   * One POST raced against a plain timer. An AbortSignal per request costs
   * more than the rest of the decision call, so a late answer is instead
   * left to finish (its body discarded); the agent's own coarse timeouts
   * bound how long it can hold a connection.
   */
  private post(
    path: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      let done = false;
      const limit = this.timeoutMs + TRANSPORT_GRACE_MS;
      const timer = setTimeout(() => {
        done = true;
        reject(new Error(`no answer within ${limit} ms`));
      }, limit);
      this.pool
        .request({ method: 'POST', path, headers, body })
        .then(async (response) => {
          if (done) {
            await response.body.dump();
            return;
          }
          const text = await response.body.text();
          return { status: response.statusCode, text };
        })
        .then(
          (answer) => {
            if (done || !answer) return;
            done = true;
            clearTimeout(timer);
            resolve(answer);
          },
          (err: unknown) => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            reject(err as Error);
          },
        );
    });
  }

  ready(): Promise<void> {
    return Promise.resolve();
  }

  health(): DecisionHealth {
    return LIVE;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
