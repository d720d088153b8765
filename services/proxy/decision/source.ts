import type { ProxyConfig } from '../config.js';
import { DecisionClient } from './client.js';
import { EmbeddedDecisions, engineOptions, type EmbeddedDecisionOptions } from './embedded.js';
import type { DecisionInput } from './input.js';

export interface DecisionAnswer {
  /** The decision's id: the service's or engine's, or one minted by the proxy when it has none. */
  decisionId: string;
  /** The raw `result` (undefined when the policy is undefined). */
  result: unknown;
}

/** What the proxy's `/health` answers. */
export interface DecisionHealth {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Where the proxy's decisions come from: the decision service over HTTP
 * (`DecisionClient`) or an engine in this process (`EmbeddedDecisions`).
 * The pipeline treats both alike. Failures are `ProxyError`s:
 * `decision_unavailable` when the source is away, slow or not ready (a
 * fail-open connection forwards on these), `decision_invalid` when the
 * answer is about this request (closed on every connection), `bad_request`
 * when the input cannot be serialised.
 */
export interface DecisionSource {
  /** `requestId`: the caller's request id, sent on as `X-Request-Id` so the decision service logs it. */
  decide(entrypoint: string, input: DecisionInput, requestId?: string): Promise<DecisionAnswer>;
  /** Resolves once the source can answer; rejects when it can never start. */
  ready(): Promise<void>;
  health(): DecisionHealth;
  close(): Promise<void>;
}

/** The source the configuration asks for: `decision.bundles` in-process, else `decisionUrl`. */
export function openDecisionSource(config: ProxyConfig, options: EmbeddedDecisionOptions): DecisionSource {
  const { decision } = config;
  if (decision.bundles !== undefined)
    return new EmbeddedDecisions(engineOptions({ ...decision, bundles: decision.bundles }, options));
  // The schema fills decisionUrl whenever bundles are absent.
  return new DecisionClient(config.decisionUrl!, decision.timeoutMs);
}
