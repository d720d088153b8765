import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ConnectionConfig } from '../config.js';
import { ProxyError } from '../errors.js';
import { requestIdOf } from '../request-log.js';
import { inSpan } from '../telemetry.js';
import { parseDecision, type Decision } from './document.js';
import type { DecisionInput } from './input.js';
import type { DecisionSource } from './source.js';

/** One decision as the enforcement steps use it. */
export interface DecisionOutcome {
  decisionId: string;
  decision: Decision;
  failOpen: boolean;
}

/** What fail-open lets through: allowed, nothing masked, the failure named in the reasons. */
export function failOpenDecision(why: string): Decision {
  return {
    allow: true,
    reasons: [`fail-open: ${why}`],
    require_approval: null,
    mask: null,
    headers: null,
    audit: { level: 'full', labels: { fail_open: 'true' } },
    inspect_response: false,
  };
}

/** The engine's id for a failed embedded decision, so the caller's id matches the decision log. */
function failedDecisionId(err: unknown): string | undefined {
  const cause = err instanceof Error ? (err.cause as { decisionId?: unknown } | undefined) : undefined;
  return typeof cause?.decisionId === 'string' ? cause.decisionId : undefined;
}

/** The request a decision is for: its first decision's id is kept on it (logs, errors, audit). */
export interface DecidingRequest {
  res: ServerResponse;
  log: Logger;
  decisionId?: string;
}

/**
 * One decision for a request on a connection, in a `proxy.decision` span:
 * asks the source, reads the document (a malformed one always fails
 * closed), and applies the connection's fail mode when the source is away
 * (`decision_unavailable` on a fail-open connection lets the request
 * through, logged and marked `X-Portcullis-Fail-Open`). Shared by the proxy
 * and the Express middleware.
 */
export function decideFor(
  source: DecisionSource,
  connection: ConnectionConfig,
  input: DecisionInput,
  request: DecidingRequest,
): Promise<DecisionOutcome> {
  const entrypoint = connection.entrypoint;
  return inSpan(
    'proxy.decision',
    { 'portcullis.entrypoint': entrypoint, 'portcullis.phase': input.phase },
    async (span) => {
      try {
        const answer = await source.decide(entrypoint, input, requestIdOf(request.res) || undefined);
        request.decisionId ??= answer.decisionId;
        span.setAttribute('portcullis.decision_id', answer.decisionId);
        const decision = parseDecision(answer.result);
        span.setAttribute('portcullis.allow', decision.allow);
        return { decisionId: answer.decisionId, decision, failOpen: false };
      } catch (err) {
        request.decisionId ??= failedDecisionId(err) ?? randomUUID();
        span.setAttribute('portcullis.decision_id', request.decisionId);
        if (
          err instanceof ProxyError &&
          err.code === 'decision_unavailable' &&
          connection.failMode === 'open'
        ) {
          const cause = err.cause instanceof Error ? err.cause.message : undefined;
          request.log.warn(
            { decision_id: request.decisionId, connection: connection.name, reason: err.message, cause },
            'decision service failed; connection is fail-open, forwarding',
          );
          request.res.setHeader('X-Portcullis-Fail-Open', 'true');
          span.setAttribute('portcullis.fail_open', true);
          return { decisionId: request.decisionId, decision: failOpenDecision(err.message), failOpen: true };
        }
        throw err;
      }
    },
  );
}
