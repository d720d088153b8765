import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { Pool } from 'undici';
import { ProxyError } from '../errors.js';
import { tracingActive } from '../telemetry.js';
import type { DecisionInput } from './input.js';
import type { DecisionAnswer, DecisionHealth, DecisionSource } from './source.js';

/** The HTTP client's health: the proxy's own liveness (the decision service has its own /health). */
const LIVE: DecisionHealth = { status: 200, body: {} };

/**
 * Asks the decision service over OPA's REST API:
 * `POST {decisionUrl}/v1/data/{entrypoint}` with `{"input": ...}`.
 * Any failure (network, timeout, non-200, bad JSON) is `decision_unavailable`.
 * A decision_id is minted here when the service sends none (OPA without decision logs).
 */
export class DecisionClient implements DecisionSource {
  private readonly pool: Pool;
  private readonly basePath: string;
  /** Request paths by entrypoint (a connection's entrypoint is fixed, requests are many). */
  private readonly paths = new Map<string, string>();

  constructor(
    decisionUrl: string,
    private readonly timeoutMs: number,
  ) {
    const url = new URL(decisionUrl);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: 64,
      keepAliveTimeout: 10_000,
      headersTimeout: timeoutMs + 1000,
      bodyTimeout: timeoutMs + 1000,
    });
  }

  async decide(entrypoint: string, input: DecisionInput): Promise<DecisionAnswer> {
    const path = this.pathFor(entrypoint);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (tracingActive()) propagation.inject(context.active(), headers);
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
      ({ status, text } = await this.post(path, headers, payload));
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
    let body: { result?: unknown; decision_id?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new ProxyError('decision_unavailable', 'decision service answered with invalid JSON');
    }
    if (body === null || typeof body !== 'object') {
      throw new ProxyError('decision_unavailable', 'decision service answered with a non-object');
    }
    const decisionId =
      typeof body.decision_id === 'string' && body.decision_id !== '' ? body.decision_id : randomUUID();
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
      const timer = setTimeout(() => {
        done = true;
        reject(new Error(`no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
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
