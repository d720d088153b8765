import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { context, propagation, type Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { ApprovalGate } from './approval/gate.js';
import { AuditRecorder, type AuditFacts } from './audit-record.js';
import type { ProxyConfig } from './config.js';
import { checkHeaderChanges, type Decision } from './decision/document.js';
import { decideFor, type DecisionOutcome } from './decision/decide.js';
import type { EmbeddedDecisionOptions } from './decision/embedded.js';
import { buildRequestInput, buildResponseInput, type DecisionInput } from './decision/input.js';
import { openDecisionSource, type DecisionHealth, type DecisionSource } from './decision/source.js';
import { ProxyError, sendProxyError } from './errors.js';
import { checkDeclaredLength, checkFraming, readRequestBody } from './forward/framing.js';
import {
  applyHeaderChanges,
  askWholeBody,
  callerResponseHeaders,
  upstreamRequestHeaders,
} from './forward/headers.js';
import { checkMethodOverride } from './forward/method-override.js';
import { splitTarget } from './forward/path.js';
import { upstreamFailure, type UpstreamResponse } from './forward/upstream.js';
import { Authenticator } from './identity/authenticate.js';
import { decodeBody, maskBody, readBounded } from './mask/body.js';
import { scrubBody, scrubHeaderValues } from './mask/scrub-stream.js';
import { hasNoBody, mergeMasks, streamResponse, writeHead } from './respond.js';
import { Router } from './routing.js';
import { sseLimits, type ConnectionConfig } from './config.js';
import { answerMcpPost, mcpHttpFacts, type McpHost } from './mcp/exchange.js';
import { isEventStream } from './sse/frame.js';
import { httpEventHandler } from './sse/http-events.js';
import { respondEventStream } from './sse/stream.js';
import type { Identity } from './identity/identity.js';
import { ConnectionRuntime } from './runtime.js';
import { requestIdOf, requestLogger, withTraceId } from './request-log.js';
import { ProxyMetrics } from './metrics.js';
import { inSpan, NO_SPAN, tracer, tracingActive } from './telemetry.js';
import {
  connectionRoute,
  endServerSpan,
  inClientSpan,
  serverSpanName,
  serverSpanOptions,
} from './http-span.js';

/** Per-request facts the steps share. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  log: Logger;
  decisionId?: string;
  connection?: string;
  subject?: string;
  /** What the audit event of this request is built from. */
  audit: AuditFacts;
}

/**
 * The enforcement path for one request: framing → path → route →
 * authenticate → body → decide → forward → (inspect, mask) → respond.
 */
export class ProxyPipeline {
  private readonly router: Router;
  private readonly runtimes = new Map<string, ConnectionRuntime>();
  private readonly authenticator: Authenticator;
  private readonly decisions: DecisionSource;
  private readonly audit: AuditRecorder;
  private readonly approvals: ApprovalGate;
  readonly metrics = new ProxyMetrics();

  constructor(
    private readonly config: ProxyConfig,
    private readonly logger: Logger,
    options: Pick<EmbeddedDecisionOptions, 'onDecisionEvent' | 'audit'> = {},
  ) {
    this.router = new Router(config.connections);
    this.authenticator = new Authenticator(config.identity);
    for (const connection of config.connections) {
      const runtime = new ConnectionRuntime(connection, this.authenticator.credentialHeaders);
      this.runtimes.set(connection.name, runtime);
    }
    this.decisions = openDecisionSource(config, { logger, ...options });
    this.audit = new AuditRecorder(options.audit, config, this.authenticator.credentialHeaders);
    this.approvals = new ApprovalGate(config.approvals, logger);
  }

  /** Resolves once decisions can be asked for; rejects when the embedded engine cannot start. */
  async ready(): Promise<void> {
    await Promise.all([this.decisions.ready(), this.approvals.ready()]);
  }

  health(): DecisionHealth {
    return this.audit.withHealth(this.decisions.health());
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const exchange: Exchange = {
      req,
      res,
      audit: this.audit.begin(started),
      log: requestLogger(this.logger, req, res),
    };
    if (!tracingActive()) return this.answer(exchange, NO_SPAN, started);
    const parent = propagation.extract(context.active(), req.headers);
    await context.with(parent, () =>
      tracer().startActiveSpan(serverSpanName(req.method), serverSpanOptions(req), (span) =>
        this.answer({ ...exchange, log: withTraceId(exchange.log, span) }, span, started),
      ),
    );
  }

  /** Runs the steps and turns any failure into the error answer; logs one line per request. */
  private async answer(exchange: Exchange, span: Span, started: number): Promise<void> {
    const { req, res } = exchange;
    let status = 500;
    let code: string | undefined;
    try {
      await this.run(exchange);
      status = res.statusCode;
    } catch (err) {
      if (res.headersSent || res.destroyed) {
        // The answer was already streaming, or the caller is gone: nothing left to send.
        exchange.log.warn(
          { decision_id: exchange.decisionId ?? null, reason: (err as Error).message },
          'response interrupted',
        );
        status = res.statusCode;
        code = 'interrupted';
        res.destroy();
        return;
      }
      // In sync mode the event is recorded before the answer: audit_unavailable when it cannot be.
      const error = await this.audit.beforeError(
        exchange.audit,
        req,
        res,
        err instanceof ProxyError ? err : new ProxyError('internal_error', undefined, { cause: err }),
      );
      if (error.code === 'internal_error') {
        exchange.log.error({ decision_id: exchange.decisionId ?? null, err }, 'proxy internal error');
      } else if (error.status >= 500) {
        // The caller gets the generic message; the detail (secret source, upstream address) is logged.
        const cause = error.cause instanceof Error ? error.cause.message : error.cause;
        exchange.log.warn(
          { decision_id: exchange.decisionId ?? null, code: error.code, reason: error.message, cause },
          'request failed',
        );
      }
      if (error.code === 'body_too_large' || error.code === 'request_smuggling')
        res.setHeader('Connection', 'close');
      status = error.status;
      code = error.code;
      span.setAttribute('portcullis.error', error.code);
      sendProxyError(res, error, exchange.decisionId);
    } finally {
      const route = exchange.connection && this.runtimes.get(exchange.connection)?.config.match.pathPrefix;
      endServerSpan(span, req.method, {
        status,
        errorCode: code,
        route: connectionRoute(route || undefined),
        connection: exchange.connection,
        decisionId: exchange.decisionId,
      });
      this.audit.finish(exchange.audit, req, res, status, code);
      if (exchange.log.isLevelEnabled('info'))
        exchange.log.info(
          {
            decision_id: exchange.decisionId ?? null,
            connection: exchange.connection ?? null,
            subject: exchange.subject ?? null,
            method: req.method,
            status,
            error: code ?? null,
            duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
          },
          'request',
        );
      this.metrics.request({
        connection: exchange.connection,
        status,
        code,
        decided: exchange.decisionId !== undefined,
        res,
        seconds: (performance.now() - started) / 1000,
      });
    }
  }

  private async run(x: Exchange): Promise<void> {
    const { req, res } = x;
    // A request from an http.Server always carries both.
    const method = req.method!;
    checkFraming(req);
    const target = splitTarget(req.url!);
    const route = this.router.resolve(req.headers.host, target.path);
    const runtime = this.runtimes.get(route.connection.name)!;
    const connection = runtime.config;
    x.connection = connection.name;
    x.audit.connection = connection;
    checkDeclaredLength(req, connection.maxBodyBytes);

    const identity = await inSpan('proxy.authenticate', {}, async (span) => {
      const found = await this.authenticator.authenticate(req.headers);
      span.setAttributes({
        'portcullis.identity.method': found.method,
        'portcullis.identity.type': found.type,
      });
      return found;
    });
    x.subject = identity.sub;
    x.audit.identity = identity;
    x.audit.authenticatedAt = performance.now();
    const body = await readRequestBody(req, connection.maxBodyBytes);
    checkMethodOverride(connection.methodOverride, target.query, req.headers['content-type'], body);
    if (connection.protocol === 'mcp' && method === 'POST')
      return answerMcpPost(this.mcpHost(x, runtime, identity, route.path, target, body));
    const approval = await this.approvals.prepare({
      identity,
      connection,
      method,
      path: route.path.path,
      query: target.query,
      body,
      headers: req.headers,
    });

    const dropHeaders = runtime.credentialHeaders;
    const input = buildRequestInput({
      identity,
      connection,
      method,
      path: route.path.path,
      segments: route.path.segments,
      query: target.query,
      headers: req.headers,
      dropHeaders,
      body,
      sourceIp: req.socket.remoteAddress ?? '',
      now: new Date(),
      maxInputBodyBytes: this.config.decision.maxInputBodyBytes,
      approval: approval.carried,
      grants: approval.grants,
      mcp: mcpHttpFacts(connection, req.headers),
    });
    this.audit.noteRequest(x.audit, input, body);
    const outcome = await this.decide(runtime, input, x);
    x.audit.decision = outcome;
    x.audit.decidedAt = performance.now();
    const { decision } = outcome;
    res.setHeader('X-Portcullis-Decision-Id', outcome.decisionId);
    if (!decision.allow) throw new ProxyError('forbidden', undefined, { reasons: decision.reasons });
    if ((await this.approvals.enforce(approval, decision, input, res, outcome.decisionId)) === 'answered')
      return;
    checkHeaderChanges(decision.headers, runtime.protectedHeaders);

    const headers = upstreamRequestHeaders(req.headers, {
      credentialHeaders: dropHeaders,
      sourceIp: input.source.ip,
      originalHost: req.headers.host,
      configuredHost: connection.match.host,
      proto: 'http',
    });
    headers['x-request-id'] = requestIdOf(res);
    Object.assign(headers, await runtime.forwarder.headers(identity));
    applyHeaderChanges(headers, decision.headers);
    const credential = runtime.credential?.current();
    if (credential) headers[credential.header] = credential.value;
    x.audit.literals = credential?.literals;
    const buffered =
      decision.mask !== null || decision.inspect_response || this.audit.holdsAnswer(connection);
    if (buffered || credential) askWholeBody(headers);

    const path = runtime.upstream.target(route.path.encoded, target.rawQuery);
    const upstream = await inClientSpan(
      { method, origin: connection.upstream, path },
      headers,
      { 'portcullis.connection': connection.name },
      () =>
        this.metrics.timeUpstream(connection.name, () =>
          runtime.upstream.call(method, path, headers as Record<string, string>, body),
        ),
    );
    const literals = credential?.literals;
    if (isEventStream(upstream.headers['content-type']) && !hasNoBody(method, upstream.status))
      return this.respondStream(x, runtime, input, decision, upstream, literals ?? []);
    // A response with no body needs no masking, but a response-phase decision
    // still applies to it (a HEAD or a 304 must not skip the policy).
    if (!buffered || (hasNoBody(method, upstream.status) && !decision.inspect_response)) {
      this.audit.tap(x.audit, upstream);
      await streamResponse(res, method, upstream, literals, this.config.mask.replacement);
      return;
    }
    await this.respondInspected(x, runtime, input, decision, upstream, literals ?? []);
  }

  /** The buffered path: bounded read, response-phase decision, masking, then one write. */
  private async respondInspected(
    x: Exchange,
    runtime: ConnectionRuntime,
    input: DecisionInput,
    decision: Decision,
    upstream: UpstreamResponse,
    literals: readonly string[],
  ): Promise<void> {
    const limit = this.config.mask.maxResponseBytes;
    const contentLength = upstream.headers['content-length'];
    const declared = typeof contentLength === 'string' ? contentLength : undefined;
    const raw = await readBounded(upstream.body, limit, declared).catch((err: unknown) => {
      throw upstreamFailure(err, runtime.config.name);
    });
    const decoded = decodeBody(raw, upstream.headers['content-encoding'] as string | undefined, limit);
    const headers = callerResponseHeaders(upstream.headers);
    let mask = decision.mask;
    if (decision.inspect_response) {
      // The injected credential, echoed by the upstream, must not reach the
      // decision service (nor its logs): scrub before building the input.
      const scrubbedHeaders = { ...(upstream.headers as Record<string, string>) };
      scrubHeaderValues(scrubbedHeaders, literals, this.config.mask.replacement);
      const responseInput = buildResponseInput(input, {
        status: upstream.status,
        headers: scrubbedHeaders,
        dropHeaders: new Set(['set-cookie']),
        body: scrubBody(decoded, upstream.headers['content-type'], literals, this.config.mask.replacement),
        maxInputBodyBytes: this.config.decision.maxInputBodyBytes,
      });
      const second = await this.decide(runtime, responseInput, x);
      x.audit.responseDecision = second;
      x.res.setHeader('X-Portcullis-Response-Decision-Id', second.decisionId);
      if (!second.decision.allow)
        throw new ProxyError('forbidden', undefined, { reasons: second.decision.reasons });
      checkHeaderChanges(second.decision.headers, []);
      applyHeaderChanges(headers, second.decision.headers);
      mask = mergeMasks(mask, second.decision.mask);
    }
    const replacement = mask?.replacement ?? this.config.mask.replacement;
    const body = await inSpan('proxy.mask', {}, async (span) => {
      if (!mask) return scrubBody(decoded, upstream.headers['content-type'], literals, replacement);
      const plan = { fields: mask.fields, detectors: mask.detectors, replacement, literals };
      const result = maskBody(decoded, String(upstream.headers['content-type'] ?? ''), plan);
      span.setAttribute('portcullis.masked', result.count);
      return result.body;
    });
    scrubHeaderValues(headers, literals, replacement);
    delete headers['content-encoding'];
    delete headers.etag;
    await this.audit.beforeAnswer(x.audit, x.req, x.res, upstream.status, headers, body);
    if (hasNoBody(x.req.method ?? 'GET', upstream.status)) {
      writeHead(x.res, upstream.status, headers);
      x.res.end();
      return;
    }
    headers['content-length'] = String(body.length);
    writeHead(x.res, upstream.status, headers);
    x.res.end(body);
  }

  /**
   * An event stream (LLM-style streaming, an MCP server's stream): passed
   * event by event, each event masked and, with inspect_response, decided
   * as it passes; never buffered whole (sse/).
   */
  private respondStream(
    x: Exchange,
    runtime: ConnectionRuntime,
    input: DecisionInput,
    decision: Decision,
    upstream: UpstreamResponse,
    literals: readonly string[],
  ): Promise<void> {
    const replacement = this.config.mask.replacement;
    const headers = { ...(upstream.headers as Record<string, string>) };
    scrubHeaderValues(headers, literals, replacement);
    const inspect = async (data: string) => {
      const json = /^\s*[[{]/.test(data);
      const responseInput = buildResponseInput(input, {
        status: upstream.status,
        headers: { ...headers, 'content-type': json ? 'application/json' : 'text/plain' },
        dropHeaders: new Set(['set-cookie']),
        body: Buffer.from(data),
        maxInputBodyBytes: this.config.decision.maxInputBodyBytes,
      });
      const second = await this.decide(runtime, responseInput, x);
      x.audit.responseDecision ??= second;
      return second.decision;
    };
    return respondEventStream(x.res, upstream, {
      literals,
      replacement,
      maxEventBytes: sseLimits(runtime.config).maxEventBytes,
      onEvent: httpEventHandler({
        mask: decision.mask,
        replacement,
        inspect: decision.inspect_response ? inspect : undefined,
      }),
      tap: (output) => this.audit.tap(x.audit, { ...upstream, body: output, headers: {} }),
    });
  }

  /** What an MCP POST borrows from the pipeline: decisions, approvals, the upstream (mcp/). */
  private mcpHost(
    x: Exchange,
    runtime: ConnectionRuntime,
    identity: Identity,
    path: { path: string; segments: string[]; encoded: string },
    target: { query: Record<string, string[]>; rawQuery: string },
    body: Buffer,
  ): McpHost {
    const { req, res } = x;
    const connection = runtime.config;
    const request = {
      identity,
      connection,
      method: 'POST',
      path: path.path,
      segments: path.segments,
      query: target.query,
      headers: req.headers,
      dropHeaders: runtime.credentialHeaders,
      sourceIp: req.socket.remoteAddress ?? '',
      now: new Date(),
      maxInputBodyBytes: this.config.decision.maxInputBodyBytes,
    };
    return {
      req,
      res,
      log: x.log,
      connection,
      body,
      approvals: this.approvals,
      approvalFacts: { identity, connection, method: 'POST', path: path.path, query: target.query },
      input: (message, mcp, approval) =>
        buildRequestInput({
          ...request,
          body: message,
          mcp,
          approval: approval?.carried,
          grants: approval?.grants,
        }),
      responseInput: (requestInput, status, headers, answer) =>
        buildResponseInput(requestInput, {
          status,
          headers,
          dropHeaders: new Set(['set-cookie']),
          body: answer,
          maxInputBodyBytes: this.config.decision.maxInputBodyBytes,
        }),
      decide: (input) => this.decide(runtime, input, x),
      checkHeaders: (changes) => checkHeaderChanges(changes, runtime.protectedHeaders),
      forward: (upstreamBody, changes) =>
        this.forwardMcp(x, runtime, identity, path.encoded, target.rawQuery, upstreamBody, changes),
      noteDecision: (input, outcome) => {
        this.audit.noteRequest(x.audit, input, body);
        x.audit.decision = outcome;
        x.audit.decidedAt = performance.now();
        res.setHeader('X-Portcullis-Decision-Id', outcome.decisionId);
      },
      tap: (output) =>
        this.audit.tap(x.audit, { connection: connection.name, status: 200, headers: {}, body: output }),
      maxResponseBytes: this.config.mask.maxResponseBytes,
      replacement: this.config.mask.replacement,
    };
  }

  /** The forwarded messages of an MCP POST, sent as any request is (credential injected, caller's removed). */
  private async forwardMcp(
    x: Exchange,
    runtime: ConnectionRuntime,
    identity: Identity,
    encodedPath: string,
    rawQuery: string,
    body: Buffer,
    changes: Decision['headers'],
  ): Promise<{ upstream: UpstreamResponse; literals: readonly string[] }> {
    const connection: ConnectionConfig = runtime.config;
    const headers = upstreamRequestHeaders(x.req.headers, {
      credentialHeaders: runtime.credentialHeaders,
      sourceIp: x.req.socket.remoteAddress ?? '',
      originalHost: x.req.headers.host,
      configuredHost: connection.match.host,
      proto: 'http',
    });
    headers['x-request-id'] = requestIdOf(x.res);
    Object.assign(headers, await runtime.forwarder.headers(identity));
    applyHeaderChanges(headers, changes);
    const credential = runtime.credential?.current();
    if (credential) headers[credential.header] = credential.value;
    x.audit.literals = credential?.literals;
    // Answers are read (masked, filtered): whole and plain.
    askWholeBody(headers);
    if (tracingActive()) propagation.inject(context.active(), headers);
    const path = runtime.upstream.target(encodedPath, rawQuery);
    const upstream = await inSpan(
      'proxy.upstream',
      { 'portcullis.connection': connection.name },
      async (span) => {
        const answer = await this.metrics.timeUpstream(connection.name, () =>
          runtime.upstream.call('POST', path, headers, body),
        );
        span.setAttribute('http.status_code', answer.status);
        return answer;
      },
    );
    return { upstream, literals: credential?.literals ?? [] };
  }

  /** One decision, with the connection's fail mode (decision/decide.ts). */
  private decide(runtime: ConnectionRuntime, input: DecisionInput, x: Exchange): Promise<DecisionOutcome> {
    return decideFor(this.decisions, runtime.config, input, x);
  }

  async close(): Promise<void> {
    await Promise.allSettled([
      this.decisions.close(),
      this.approvals.close(),
      ...[...this.runtimes.values()].map((r) => r.upstream.close()),
    ]);
  }
}
