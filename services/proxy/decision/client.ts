import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { ProxyError } from '../errors.js';
import { inClientSpan } from '../http-span.js';
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
 */
export class DecisionClient implements DecisionSource {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly origin: string;
  /** Request paths by entrypoint (a connection's entrypoint is fixed, requests are many). */
  private readonly paths = new Map<string, string>();

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
    const path = this.pathFor(entrypoint);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      [DEADLINE_HEADER]: String(this.timeoutMs),
    };
    // One id for the request in the proxy's and the decision service's logs.
    if (requestId) headers['x-request-id'] = requestId;
    // Serialised before the call: an input that cannot be serialised (absurd
    // nesting) is the caller's doing, never a reason to fail open.
    let payload: string;
    try {
      payload = JSON.stringify({ input });
    } catch (err) {
      throw new ProxyError('bad_request', 'the request cannot be expressed as a decision input', {
        cause: err,
      });
    }
    let status: number;
    let text: string;
    try {
      ({ status, text } = await inClientSpan(
        { method: 'POST', origin: this.origin, path },
        headers,
        { 'portcullis.entrypoint': entrypoint },
        () => this.post(path, headers, payload),
      ));
    } catch (err) {
      // The detail (the service's address) is for the log, not the caller.
      throw new ProxyError('decision_unavailable', undefined, { cause: err });
    }
    if (status !== 200) {
      // Only the service being away (502-504) may count as unavailable, which a
      // fail-open connection forwards on. Any other status answers this request
      // (too large, malformed, an evaluation error the input provoked): closed.
      const code = status >= 502 && status <= 504 ? 'decision_unavailable' : 'decision_invalid';
      throw new ProxyError(code, `decision service answered HTTP ${status}`, {
        cause: new Error(text.slice(0, 200)),
      });
    }
    // A 200 that is not a decision came from something that answered for the
    // service (a captive portal, a misrouted ingress): not an outage to open on.
    let body: { result?: unknown; decision_id?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new ProxyError('decision_invalid', 'decision service answered 200 with a body that is not JSON', {
        cause: new Error(text.slice(0, 200)),
      });
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ProxyError(
        'decision_invalid',
        'decision service answered 200 with JSON that is not an object',
      );
    }
    const decisionId =
      typeof body.decision_id === 'string' && SAFE_DECISION_ID.test(body.decision_id)
        ? body.decision_id
        : randomUUID();
    return { decisionId, result: body.result };
  }

  private pathFor(entrypoint: string): string {
    let path = this.paths.get(entrypoint);
    if (path === undefined) {
      path = `${this.basePath}/v1/data/${entrypoint.split('/').map(encodeURIComponent).join('/')}`;
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
