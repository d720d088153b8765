import { randomUUID } from 'node:crypto';
import { SpanStatusCode } from '@opentelemetry/api';
import { inEvaluationSpan, incomingContext, startRequestSpan, traceIds } from '../telemetry.js';
import type { ServiceContext } from './context.js';
import { toApiError } from './errors.js';
import { tooDeep } from './query-params.js';

export interface DecisionRequest {
  /** Span name, e.g. "POST /v1/data". */
  handler: string;
  path: string[];
  /** Undefined when the request carried no input. */
  input?: unknown;
  strictBuiltinErrors: boolean;
  deadlineMs?: number;
  /** The caller's headers, for its trace context (`traceparent`). */
  headers?: Record<string, string | string[] | undefined>;
  /** Who asked, for the decision log's `requested_by` (address:port, or a name in-process). */
  requestedBy?: string;
  /** Set when the decision answers an HTTP request: the server span's semantic-convention attributes. */
  http?: DecisionHttp;
}

/** The HTTP request a decision answers, as its server span records it. */
export interface DecisionHttp {
  method: string;
  /** The route template, e.g. `/v1/data/{path}`. */
  route: string;
  /** The path as received, without the query string. */
  path: string;
  /** The status answered when the document is undefined (404 for the v0 API and `POST /`). @defaultValue 200 */
  undefinedStatus?: number;
}

function httpAttributes(http: DecisionHttp): Record<string, string> {
  return {
    'http.request.method': http.method,
    'http.route': http.route,
    'url.path': http.path,
    'url.scheme': 'http',
  };
}

export interface DecisionOutcome {
  decisionId: string;
  defined: boolean;
  result?: unknown;
  bundles: Record<string, { revision: string }>;
  metrics: Record<string, number>;
}

let nextReqId = 1;

function observeShadow(
  shadow: NonNullable<ServiceContext['shadow']>,
  generation: ServiceContext['registry']['current'],
  facts: { decisionId: string; traceId?: string; spanId?: string },
  request: DecisionRequest,
  inputJson: string | undefined,
  evaluation: Promise<{ defined: boolean; result?: unknown }>,
): void {
  shadow.observe(
    generation,
    { ...facts, path: request.path, input: request.input, inputJson },
    evaluation.then(
      (a) => (a.defined ? { defined: true as const, result: a.result } : { defined: false as const }),
      (err: unknown) => ({ error: { code: 'evaluation_error', message: String(err) } }),
    ),
  );
}

/**
 * The input as JSON for the evaluation. HTTP bodies are depth-checked when
 * parsed; an in-process caller's value too deep to serialise is refused the
 * same way (400 `json_too_deep`) rather than failing as an internal error.
 */
function inputText(input: unknown): string {
  try {
    return JSON.stringify(input);
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep('input');
    throw err;
  }
}

/**
 * Evaluates one decision on the current generation, inside a span that
 * continues the caller's trace, and hands the decision (or its error) to
 * the decision logger. The only place a decision is made.
 */
export async function decide(ctx: ServiceContext, request: DecisionRequest): Promise<DecisionOutcome> {
  const started = process.hrtime.bigint();
  const decisionId = randomUUID();
  const generation = ctx.registry.current;
  const bundles = generation.revisions();
  const path = request.path.join('/');
  const { span, ctx: spanCtx } = startRequestSpan(
    request.http ? `${request.http.method} ${request.http.route}` : request.handler,
    incomingContext(request.headers ?? {}),
    request.http && httpAttributes(request.http),
  );
  span.setAttributes({
    'portcullis.decision_id': decisionId,
    'portcullis.path': path,
    'portcullis.bundle_revisions': Object.values(bundles)
      .map((b) => b.revision)
      .join(','),
  });
  const inputJson = request.input === undefined ? undefined : inputText(request.input);
  const logFacts = {
    decisionId,
    path,
    input: request.input,
    inputJson,
    bundles,
    labels: ctx.labels,
    requestedBy: request.requestedBy ?? '',
    reqId: nextReqId++,
    ...traceIds(span),
  };
  try {
    const evaluation = inEvaluationSpan(spanCtx, { 'portcullis.path': path }, () =>
      generation.query(request.path, {
        inputJson,
        strictBuiltinErrors: request.strictBuiltinErrors,
        deadlineMs: request.deadlineMs,
      }),
    );
    // Queued behind the live evaluation, compared off this path (services/decision/shadow/).
    if (ctx.shadow) observeShadow(ctx.shadow, generation, logFacts, request, inputJson, evaluation);
    const answer = await evaluation;
    const totalNs = Number(process.hrtime.bigint() - started);
    const metrics = { timer_wasm_eval_ns: answer.evalNs, timer_server_handler_ns: totalNs };
    span.setAttribute('portcullis.result_defined', answer.defined);
    if (request.http)
      span.setAttribute(
        'http.response.status_code',
        answer.defined ? 200 : (request.http.undefinedStatus ?? 200),
      );
    ctx.metrics.decisions.inc({ outcome: answer.defined ? 'defined' : 'undefined' });
    ctx.metrics.evalSeconds.observe(answer.evalNs / 1e9);
    ctx.decisionLogger.log({ ...logFacts, result: answer.result, metrics }, ctx.registry.current);
    return { decisionId, defined: answer.defined, result: answer.result, bundles, metrics };
  } catch (err) {
    const apiError = toApiError(err);
    apiError.decisionId = decisionId;
    if (request.http) span.setAttribute('http.response.status_code', apiError.status);
    // HTTP server spans are errors only for 5xx: a 4xx is the caller's mistake, answered as designed.
    if (!request.http || apiError.status >= 500) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: apiError.message });
      if (request.http) span.setAttribute('error.type', apiError.code);
    }
    ctx.metrics.decisions.inc({ outcome: 'error' });
    ctx.decisionLogger.log(
      { ...logFacts, error: { code: apiError.code, message: apiError.message } },
      ctx.registry.current,
    );
    throw apiError;
  } finally {
    span.end();
  }
}
