import type { ServiceContext } from './context.js';
import { decide, type DecisionOutcome } from './decide.js';
import { decisionRequest } from './data-routes.js';
import { readBody, segmentsAfter, sendJson, type Exchange } from './exchange.js';
import { invalidParameter, toApiError } from './errors.js';
import { boolParam, parseJsonBody } from './query-params.js';

/** Most inputs in one batch: each is a decision of its own, logged and evaluated as one. */
export const MAX_BATCH_INPUTS = 256;

/** One answer of a batch: the decision as `POST /v1/data` answers it, or its error with the status it would have had. */
type BatchAnswer =
  | { decision_id: string; result?: unknown }
  | { decision_id?: string; code: string; message: string; http_status_code: number };

function inputsOf(value: unknown): Record<string, unknown> {
  const inputs = (value as { inputs?: unknown } | null)?.inputs;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameter('body must be a JSON object with an "inputs" key');
  }
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
    throw invalidParameter('"inputs" must be an object of inputs by id');
  }
  const count = Object.keys(inputs).length;
  if (count > MAX_BATCH_INPUTS) {
    throw invalidParameter(`"inputs" holds ${count} inputs; the limit is ${MAX_BATCH_INPUTS}`);
  }
  return inputs as Record<string, unknown>;
}

function answerOf(outcome: DecisionOutcome): BatchAnswer {
  return outcome.defined
    ? { decision_id: outcome.decisionId, result: outcome.result }
    : { decision_id: outcome.decisionId };
}

/**
 * `POST /v1/batch/data/{path}` with `{"inputs": {"<id>": input, ...}}`, as
 * Enterprise OPA's batch API: every input is one decision (its own id,
 * decision log, deadline, metrics), evaluated together, answered in one
 * body `{"responses": {"<id>": {decision_id, result} | {code, message,
 * http_status_code}}}`: 200 when every decision was made, 207 when any
 * failed. A proxy sends the decisions of requests arriving together in
 * one exchange (services/proxy/decision/client.ts).
 */
export async function postBatchData(ctx: ServiceContext, ex: Exchange): Promise<void> {
  const path = segmentsAfter(ex.pathname, '/v1/batch/data');
  const parsed = parseJsonBody(await readBody(ex.req, ctx.maxInputBytes), 2);
  if (parsed.empty) throw invalidParameter('body must be a JSON object with an "inputs" key');
  const inputs = inputsOf(parsed.value);
  const ids = Object.keys(inputs);
  const settled = await Promise.allSettled(
    ids.map((id) => decide(ctx, decisionRequest(ex, 'POST /v1/batch/data', path, inputs[id]))),
  );
  const responses: Record<string, BatchAnswer> = {};
  let failed = false;
  settled.forEach((result, i) => {
    if (result.status === 'fulfilled') {
      responses[ids[i]] = answerOf(result.value);
      return;
    }
    failed = true;
    const error = toApiError(result.reason);
    responses[ids[i]] = {
      ...(error.decisionId ? { decision_id: error.decisionId } : {}),
      code: error.code,
      message: error.message,
      http_status_code: error.status,
    };
  });
  sendJson(ex.res, failed ? 207 : 200, { responses }, boolParam(ex.query, 'pretty'));
}
