import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { context, isSpanContextValid, propagation, trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';
import { withTraceIdBinding } from '../common/log-trace.js';
import { ApprovalGate } from '../proxy/approval/gate.js';
import type { ConnectionConfig, ProxyConfig } from '../proxy/config.js';
import { decideFor, type DecisionOutcome } from '../proxy/decision/decide.js';
import { checkHeaderChanges, type Decision } from '../proxy/decision/document.js';
import { buildRequestInput, buildResponseInput, type DecisionInput } from '../proxy/decision/input.js';
import { openDecisionSource, type DecisionSource } from '../proxy/decision/source.js';
import { ProxyError, sendProxyError } from '../proxy/errors.js';
import { checkDeclaredLength, checkFraming, readRequestBody } from '../proxy/forward/framing.js';
import { applyHeaderChanges } from '../proxy/forward/headers.js';
import { checkMethodOverride } from '../proxy/forward/method-override.js';
import { splitTarget } from '../proxy/forward/path.js';
import { Authenticator } from '../proxy/identity/authenticate.js';
import type { Identity } from '../proxy/identity/identity.js';
import { decodeBody, maskBody } from '../proxy/mask/body.js';
import { scrubBody, scrubHeaderValues } from '../proxy/mask/scrub-stream.js';
import { requestIdOf, requestLogger } from '../proxy/request-log.js';
import { hasNoBody, mergeMasks } from '../proxy/respond.js';
import { ConnectionRuntime } from '../proxy/runtime.js';
import { tracingActive } from '../proxy/telemetry.js';
import { captureAnswer, type CapturedAnswer } from './capture.js';
import { enforceConfig, type EnforceOptions } from './options.js';
import { handOverBody } from './request-body.js';

/** What a route behind enforce() learns about the request (`req.portcullis`, also `res.locals.portcullis`). */
export interface Enforcement {
  identity: Identity;
  decisionId: string;
  decision: Decision;
  /** The decision input the policy saw. */
  input: DecisionInput;
  /** The connection's credential (`connection.credential`), for the route's own calls. */
  credential?: { header: string; value: string };
  /** The decision service was away and the connection is fail-open: no policy was applied. */
  failOpen: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    portcullis?: Enforcement;
  }
}

/** enforce()'s middleware, with what a server needs around it. */
export interface EnforceMiddleware extends RequestHandler {
  /** Resolves once decisions can be asked for (an embedded engine has loaded its bundles). */
  ready(): Promise<void>;
  /** Releases the decision client's pool, the embedded engine and the approvals store. */
  close(): Promise<void>;
}

/** Per-request facts the steps share (the proxy's Exchange, without an upstream). */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  log: Logger;
  decisionId?: string;
  subject?: string;
  status?: number;
  code?: string;
}

/**
 * The proxy's enforcement in front of an Express app's own routes:
 * `app.use('/crm', enforce({...}))`. The same steps and contract as the
 * standalone proxy (services/proxy/pipeline.ts), with the app's routes in
 * the upstream's place: authenticate (401), read the body (413), decide with
 * the connection's fail mode (403 with reasons, 503), approvals (202, held
 * requests), the decision's header changes applied to the request the
 * routes see, the caller's credentials removed from it; then the app's
 * answer is held back when the decision masks or inspects it (or a
 * credential must be scrubbed), decided again in the response phase and
 * masked. Errors answer with the proxy's JSON body and codes.
 */
export function enforce(options: EnforceOptions): EnforceMiddleware {
  const { config, connection } = enforceConfig(options);
  const logger = (options.logger ?? pino({ level: 'info' })).child({
    component: 'express-enforce',
    connection: connection.name,
  });
  const authenticator = new Authenticator(config.identity);
  const runtime = new ConnectionRuntime(connection, authenticator.credentialHeaders);
  const decisions = openDecisionSource(config, { logger });
  const approvals = new ApprovalGate(config.approvals, logger);
  const steps = new EnforcementSteps(config, connection, runtime, authenticator, decisions, approvals);

  const middleware = ((req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const x: Exchange = { req, res, log: requestLogger(logger, req, res) };
    res.once('close', () => logLine(x, started));
    const run = () => steps.run(x, req, res, next).catch((err: unknown) => answerError(x, err));
    if (!tracingActive()) return void run();
    // Under the app's own server span when it has one, else under the caller's traceparent.
    const parent = trace.getActiveSpan()
      ? context.active()
      : propagation.extract(context.active(), req.headers);
    const span = trace.getSpanContext(parent);
    if (span && isSpanContextValid(span)) x.log = withTraceIdBinding(x.log, span.traceId);
    void context.with(parent, run);
  }) as EnforceMiddleware;
  middleware.ready = async () => {
    await Promise.all([decisions.ready(), approvals.ready()]);
  };
  middleware.close = async () => {
    await Promise.allSettled([decisions.close(), approvals.close(), runtime.upstream.close()]);
  };
  return middleware;
}

/** One `request` line per request, as the proxy logs it. */
function logLine(x: Exchange, started: number): void {
  if (!x.log.isLevelEnabled('info')) return;
  x.log.info(
    {
      decision_id: x.decisionId ?? null,
      subject: x.subject ?? null,
      method: x.req.method,
      status: x.status ?? x.res.statusCode,
      error: x.code ?? null,
      duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
    },
    'request',
  );
}

/** Any failure becomes the proxy's error answer; what the caller must not see is logged. */
function answerError(x: Exchange, err: unknown): void {
  const { res } = x;
  if (res.headersSent || res.destroyed) {
    x.log.warn({ decision_id: x.decisionId ?? null, reason: (err as Error).message }, 'response interrupted');
    x.code = 'interrupted';
    res.destroy();
    return;
  }
  const error = err instanceof ProxyError ? err : new ProxyError('internal_error', undefined, { cause: err });
  if (error.code === 'internal_error') {
    x.log.error({ decision_id: x.decisionId ?? null, err: error.cause ?? err }, 'enforce internal error');
  } else if (error.status >= 500) {
    const cause = error.cause instanceof Error ? error.cause.message : error.cause;
    x.log.warn(
      { decision_id: x.decisionId ?? null, code: error.code, reason: error.message, cause },
      'request failed',
    );
  }
  if (error.code === 'body_too_large') res.setHeader('Connection', 'close');
  x.status = error.status;
  x.code = error.code;
  // The app's own headers (a half-built answer) do not belong on the error.
  const requestId = requestIdOf(res);
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  if (requestId) res.setHeader('X-Request-Id', requestId);
  sendProxyError(res, error, x.decisionId);
}

class EnforcementSteps {
  constructor(
    private readonly config: ProxyConfig,
    private readonly connection: ConnectionConfig,
    private readonly runtime: ConnectionRuntime,
    private readonly authenticator: Authenticator,
    private readonly decisions: DecisionSource,
    private readonly approvals: ApprovalGate,
  ) {}

  private decide(input: DecisionInput, x: Exchange): Promise<DecisionOutcome> {
    return decideFor(this.decisions, this.connection, input, x);
  }

  async run(x: Exchange, req: Request, res: Response, next: NextFunction): Promise<void> {
    const { connection, runtime } = this;
    if (req.readableEnded) {
      // A body parser ran first: the bytes the policy must see are gone.
      throw new ProxyError('internal_error', undefined, {
        cause: new Error('enforce() must be mounted before any body parser (express.json(), ...)'),
      });
    }
    checkFraming(req);
    // req.url is relative to where the middleware is mounted: the prefix is stripped, as the proxy's stripPrefix.
    const target = splitTarget(req.url);
    checkDeclaredLength(req, connection.maxBodyBytes);
    const identity = await this.authenticator.authenticate(req.headers);
    x.subject = identity.sub;
    const body = await readRequestBody(req, connection.maxBodyBytes);
    checkMethodOverride(connection.methodOverride, target.query, req.headers['content-type'], body);
    const method = req.method;
    const approval = await this.approvals.prepare({
      identity,
      connection,
      method,
      path: target.path.path,
      query: target.query,
      body,
      headers: req.headers,
    });
    const input = buildRequestInput({
      identity,
      connection,
      method,
      path: target.path.path,
      segments: target.path.segments,
      query: target.query,
      headers: req.headers,
      dropHeaders: runtime.credentialHeaders,
      body,
      sourceIp: req.socket.remoteAddress ?? '',
      now: new Date(),
      maxInputBodyBytes: this.config.decision.maxInputBodyBytes,
      approval: approval.carried,
      grants: approval.grants,
    });
    const outcome = await this.decide(input, x);
    const { decision } = outcome;
    res.setHeader('X-Portcullis-Decision-Id', outcome.decisionId);
    if (!decision.allow) throw new ProxyError('forbidden', undefined, { reasons: decision.reasons });
    if ((await this.approvals.enforce(approval, decision, input, res, outcome.decisionId)) === 'answered')
      return;
    checkHeaderChanges(decision.headers, runtime.protectedHeaders);

    // The routes see what the proxy would forward: no caller credentials, the decision's header changes.
    const headers = req.headers as Record<string, string | string[]>;
    for (const name of runtime.credentialHeaders) delete headers[name];
    applyHeaderChanges(headers, decision.headers);
    handOverBody(req, body);
    // The routes match the path the policy decided on (dot segments resolved, one encoding), as the upstream would.
    req.url = target.rawQuery === '' ? target.path.encoded : `${target.path.encoded}?${target.rawQuery}`;
    const credential = runtime.credential?.current();
    const enforcement: Enforcement = {
      identity,
      decisionId: outcome.decisionId,
      decision,
      input,
      failOpen: outcome.failOpen,
      ...(credential ? { credential: { header: credential.header, value: credential.value } } : {}),
    };
    req.portcullis = enforcement;
    res.locals.portcullis = enforcement;

    const literals = credential?.literals ?? [];
    if (decision.mask !== null || decision.inspect_response || literals.length > 0) {
      captureAnswer(res, this.config.mask.maxResponseBytes, (answer) => {
        this.respondInspected(x, input, decision, answer, literals).catch((err: unknown) =>
          answerError(x, err),
        );
      });
    }
    next();
  }

  /** The app's held-back answer: response-phase decision, masking, scrubbing, then one write. */
  private async respondInspected(
    x: Exchange,
    input: DecisionInput,
    decision: Decision,
    answer: CapturedAnswer,
    literals: readonly string[],
  ): Promise<void> {
    const { res } = x;
    const limit = this.config.mask.maxResponseBytes;
    if (answer.overflow)
      throw new ProxyError('response_too_large_to_mask', `the app's answer is larger than ${limit} bytes`);
    const encoding = res.getHeader('content-encoding');
    const decoded = decodeBody(answer.body, typeof encoding === 'string' ? encoding : undefined, limit);
    const contentType = res.getHeader('content-type');
    const typeText = Array.isArray(contentType) ? contentType[0] : contentType?.toString();
    const replacement0 = this.config.mask.replacement;
    let mask = decision.mask;
    if (decision.inspect_response) {
      const seen = answerHeaders(res);
      scrubHeaderValues(seen, literals, replacement0);
      const responseInput = buildResponseInput(input, {
        status: answer.status,
        headers: seen,
        dropHeaders: new Set(['set-cookie']),
        body: scrubBody(decoded, typeText, literals, replacement0),
        maxInputBodyBytes: this.config.decision.maxInputBodyBytes,
      });
      const second = await this.decide(responseInput, x);
      res.setHeader('X-Portcullis-Response-Decision-Id', second.decisionId);
      if (!second.decision.allow)
        throw new ProxyError('forbidden', undefined, { reasons: second.decision.reasons });
      checkHeaderChanges(second.decision.headers, []);
      const changed = answerHeaders(res);
      applyHeaderChanges(changed, second.decision.headers);
      replaceHeaders(res, changed);
      mask = mergeMasks(mask, second.decision.mask);
    }
    const replacement = mask?.replacement ?? replacement0;
    const body = mask
      ? maskBody(decoded, typeText ?? '', {
          fields: mask.fields,
          detectors: mask.detectors,
          replacement,
          literals,
        }).body
      : scrubBody(decoded, typeText, literals, replacement);
    const headers = answerHeaders(res);
    scrubHeaderValues(headers, literals, replacement);
    delete headers['content-encoding'];
    delete headers.etag;
    replaceHeaders(res, headers);
    if (hasNoBody(x.req.method ?? 'GET', answer.status)) {
      res.removeHeader('content-length');
      answer.send(undefined);
      return;
    }
    res.setHeader('Content-Length', body.length);
    answer.send(body);
  }
}

/** The response's headers as a plain map (lowercase names). */
function answerHeaders(res: ServerResponse): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return out;
}

function replaceHeaders(res: ServerResponse, headers: Record<string, string | string[]>): void {
  for (const name of res.getHeaderNames()) if (!(name in headers)) res.removeHeader(name);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
