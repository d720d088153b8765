import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { Agent, request } from 'undici';
import { ProxyError } from '../errors.js';
import type { DecisionInput } from './input.js';

export interface DecisionAnswer {
  /** The service's decision_id, or one minted here when it sends none (OPA without decision logs). */
  decisionId: string;
  /** The raw `result` (undefined when the policy is undefined). */
  result: unknown;
}

/**
 * Asks the decision service over OPA's REST API:
 * `POST {decisionUrl}/v1/data/{entrypoint}` with `{"input": ...}`.
 * Any failure (network, timeout, non-200, bad JSON) is `decision_unavailable`.
 */
export class DecisionClient {
  private readonly agent: Agent;
  private readonly base: string;

  constructor(
    decisionUrl: string,
    private readonly timeoutMs: number,
  ) {
    this.base = decisionUrl.replace(/\/+$/, '');
    this.agent = new Agent({ connections: 64, keepAliveTimeout: 10_000, pipelining: 1 });
  }

  async decide(entrypoint: string, input: DecisionInput): Promise<DecisionAnswer> {
    const url = `${this.base}/v1/data/${entrypoint.split('/').map(encodeURIComponent).join('/')}`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    propagation.inject(context.active(), headers);
    let status: number;
    let text: string;
    try {
      const response = await request(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ input }),
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (err) {
      const why =
        (err as Error).name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs} ms`
          : (err as Error).message;
      throw new ProxyError('decision_unavailable', `decision service: ${why}`, { cause: err });
    }
    if (status !== 200) {
      throw new ProxyError(
        'decision_unavailable',
        `decision service answered HTTP ${status}: ${text.slice(0, 200)}`,
      );
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

  async close(): Promise<void> {
    await this.agent.close();
  }
}
