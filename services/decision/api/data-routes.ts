import type { ServiceContext } from './context.js';
import { decide, type DecisionOutcome, type DecisionRequest } from './decide.js';
import { readBody, segmentsAfter, sendJson, type Exchange } from './exchange.js';
import { ApiError, invalidParameter } from './errors.js';
import { boolParam, deadlineOf, parseJsonBody, parseJsonText } from './query-params.js';
import { SERVICE_VERSION } from '../version.js';

type Warning = { code: string; message: string };

function v1Body(ex: Exchange, outcome: DecisionOutcome, warning?: Warning): object {
  const body: Record<string, unknown> = { decision_id: outcome.decisionId };
  if (boolParam(ex.query, 'provenance')) {
    body.provenance = { version: SERVICE_VERSION, bundles: outcome.bundles };
  }
  if (boolParam(ex.query, 'metrics')) body.metrics = outcome.metrics;
  if (outcome.defined) body.result = outcome.result;
  if (warning) body.warning = warning;
  return body;
}

function inputFromQuery(query: URLSearchParams): unknown {
  const values = query.getAll('input');
  if (values.length === 0) return undefined;
  return parseJsonText(values[values.length - 1], 'input parameter');
}

export function decisionRequest(
  ex: Exchange,
  handler: string,
  path: string[],
  input: unknown,
): DecisionRequest {
  const socket = ex.req.socket;
  const [method, prefix] = handler.split(' ');
  const bare = handler !== 'POST /v1/data' && handler !== 'GET /v1/data' && handler !== 'POST /v1/batch/data';
  return {
    http: {
      method,
      route: prefix === '/' ? '/' : `${prefix}/{path}`,
      path: ex.pathname,
      ...(bare ? { undefinedStatus: 404 } : {}),
    },
    handler,
    path,
    input,
    strictBuiltinErrors: boolParam(ex.query, 'strict-builtin-errors'),
    deadlineMs: deadlineOf(ex.headers),
    headers: ex.headers,
    requestedBy: socket.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort}` : '',
  };
}

/** `GET /v1/data/{path}?input=...` */
export async function getV1Data(ctx: ServiceContext, ex: Exchange): Promise<void> {
  const path = segmentsAfter(ex.pathname, '/v1/data');
  const request = decisionRequest(ex, 'GET /v1/data', path, inputFromQuery(ex.query));
  const outcome = await decide(ctx, request);
  sendJson(ex.res, 200, v1Body(ex, outcome), boolParam(ex.query, 'pretty'));
}

/** `POST /v1/data/{path}` with `{"input": ...}`; a missing input is a warning, as in OPA. */
export async function postV1Data(ctx: ServiceContext, ex: Exchange): Promise<void> {
  const path = segmentsAfter(ex.pathname, '/v1/data');
  const parsed = parseJsonBody(await readBody(ex.req, ctx.maxInputBytes), 1);
  let input: unknown;
  if (!parsed.empty) {
    const value = parsed.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalidParameter('body must be a JSON object with an "input" key');
    }
    input = (value as { input?: unknown }).input;
  }
  const warning: Warning | undefined =
    input === undefined
      ? { code: 'api_usage_warning', message: "'input' key missing from the request" }
      : undefined;
  const outcome = await decide(ctx, decisionRequest(ex, 'POST /v1/data', path, input));
  sendJson(ex.res, 200, v1Body(ex, outcome, warning), boolParam(ex.query, 'pretty'));
}

/** The v0 API and the default decision: the body is the input, the answer the bare value or 404. */
async function bareDecision(
  ctx: ServiceContext,
  ex: Exchange,
  handler: string,
  path: string[],
): Promise<void> {
  const parsed = parseJsonBody(await readBody(ex.req, ctx.maxInputBytes));
  const input = parsed.empty ? undefined : parsed.value;
  const outcome = await decide(ctx, decisionRequest(ex, handler, path, input));
  if (!outcome.defined) {
    throw new ApiError('undefined_document', `document missing or undefined: data/${path.join('/')}`, 404);
  }
  sendJson(ex.res, 200, outcome.result, boolParam(ex.query, 'pretty'));
}

/** `POST /v0/data/{path}` */
export function postV0Data(ctx: ServiceContext, ex: Exchange): Promise<void> {
  return bareDecision(ctx, ex, 'POST /v0/data', segmentsAfter(ex.pathname, '/v0/data'));
}

/** `POST /`: the configured default decision. */
export function postDefaultDecision(ctx: ServiceContext, ex: Exchange): Promise<void> {
  return bareDecision(ctx, ex, 'POST /', ctx.defaultDecision.split('/').filter(Boolean));
}
