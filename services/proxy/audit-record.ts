import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { gunzipSync, inflateSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import { trace } from '@opentelemetry/api';
import { BodyCapture, omittedBody, recordBody } from '../audit/body.js';
import {
  requestEventBase,
  type RecordedBody,
  type RequestEvent,
  type RequestOutcome,
} from '../audit/event.js';
import type { AuditProducer } from '../audit/producer.js';
import type { ConnectionConfig, ProxyConfig } from './config.js';
import type { Decision } from './decision/document.js';
import { headersForInput, type DecisionInput } from './decision/input.js';
import { ProxyError } from './errors.js';
import type { UpstreamResponse } from './forward/upstream.js';
import type { Identity } from './identity/identity.js';
import { maskBody } from './mask/body.js';
import { literalPattern, scrubBuffer } from './mask/scrub-stream.js';
import type { SecretMatcher } from './mask/secret-forms.js';

/**
 * The proxy's part of the audit trail: one event per request, whatever
 * became of it, built from facts the pipeline notes on the way
 * (`AuditFacts`) and recorded through the process's audit producer. The
 * decision's `audit.level` picks what is kept: `none` (no event), `basic`
 * (no bodies) or `full` (bodies as the caller saw them: the response after
 * masking, the request with the decision's masks applied, both capped at
 * the connection's `audit.maxBodyBytes`). The caller's credentials and the
 * injected one never appear: credential headers are left out and every
 * recorded string is scrubbed of both, in every encoding the scrubber knows.
 */

/** What the pipeline notes about one request as it goes. */
export interface AuditFacts {
  startedAt: number;
  connection?: ConnectionConfig;
  identity?: Identity;
  authenticatedAt?: number;
  input?: DecisionInput;
  requestBody?: Buffer;
  decision?: { decisionId: string; decision: Decision; failOpen: boolean };
  responseDecision?: { decisionId: string; decision: Decision };
  decidedAt?: number;
  /** The injected credential's forms (scrubbed from every recorded string). */
  literals?: readonly string[];
  upstreamAt?: number;
  /** The body exactly as sent to the caller (the buffered path). */
  responseBody?: Buffer;
  /** The answer's headers when the event is recorded before they are written (sync mode). */
  responseHeaders?: Record<string, string | string[]>;
  /** The streamed path at level full: the first bytes of what passed. */
  capture?: { body: BodyCapture; encoding: string | undefined };
  /** Set once the event was recorded (sync mode records before answering). */
  recorded?: boolean;
}

const LEVELS = { none: 0, basic: 1, full: 2 } as const;
type Level = keyof typeof LEVELS;

const REFUSED: ReadonlySet<string> = new Set([
  'bad_request',
  'request_smuggling',
  'path_invalid',
  'no_connection',
  'body_too_large',
]);

function outcomeOf(code: string | undefined, status: number): RequestOutcome {
  if (code === undefined) return status === 202 ? 'approval_pending' : 'forwarded';
  if (code === 'unauthenticated') return 'unauthenticated';
  if (code === 'forbidden') return 'denied';
  if (code === 'approval_required') return 'approval_required';
  if (code === 'interrupted') return 'interrupted';
  if (REFUSED.has(code)) return 'refused';
  return 'failed';
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Undoes a content encoding on a (possibly cut) captured prefix, as far as it goes. */
function decodePrefix(bytes: Buffer, encoding: string | undefined, limit: number): Buffer | undefined {
  const coding = (encoding ?? 'identity').trim().toLowerCase();
  const options = { maxOutputLength: limit, finishFlush: zlib.Z_SYNC_FLUSH };
  try {
    if (coding === 'identity' || coding === '') return bytes;
    if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(bytes, options);
    if (coding === 'deflate') return inflateSync(bytes, options);
    if (coding === 'br')
      return brotliDecompressSync(bytes, {
        maxOutputLength: limit,
        finishFlush: zlib.BROTLI_OPERATION_FLUSH,
      });
  } catch {
    return undefined;
  }
  return undefined;
}

export class AuditRecorder {
  private readonly replacement: string;

  constructor(
    private readonly producer: AuditProducer | undefined,
    private readonly config: ProxyConfig,
    /** Header names carrying the caller's credentials (never recorded; their values are scrubbed everywhere). */
    private readonly callerCredentialHeaders: readonly string[],
  ) {
    this.replacement = config.mask.replacement;
  }

  /** The proxy's health with the audit producer's figures (losses are reported, never silent). */
  withHealth<T extends { body: Record<string, unknown> }>(health: T): T {
    if (!this.producer) return health;
    return { ...health, body: { ...health.body, audit: this.producer.stats() } };
  }

  begin(startedAt: number): AuditFacts {
    return { startedAt };
  }

  private level(facts: AuditFacts): Level {
    let level: Level = facts.connection?.audit.level ?? 'basic';
    const first = facts.decision?.decision.audit?.level;
    if (first) level = first;
    const second = facts.responseDecision?.decision.audit?.level;
    if (second && LEVELS[second] > LEVELS[level]) level = second;
    return level;
  }

  private sync(facts: AuditFacts): boolean {
    return this.producer !== undefined && facts.connection?.audit.mode === 'sync';
  }

  /** Whether the answer must be held until it is recorded (sync mode): the pipeline buffers it. */
  holdsAnswer(connection: ConnectionConfig): boolean {
    return this.producer !== undefined && connection.audit.mode === 'sync';
  }

  /**
   * Notes the request as the policy will see it. A sync connection refuses
   * it here (503 `audit_unavailable`, before the upstream is called) when
   * nothing could record its event now.
   */
  noteRequest(facts: AuditFacts, input: DecisionInput, body: Buffer): void {
    facts.input = input;
    facts.requestBody = body;
    if (this.sync(facts) && !this.producer!.canRecord()) {
      throw new ProxyError('audit_unavailable', undefined, {
        cause: new Error('Redis is unreachable and the audit spool is full or absent'),
      });
    }
  }

  /**
   * At level full on the streamed path, keeps the first bytes of the
   * upstream body as it passes to the caller (a listener beside the pipe:
   * it takes nothing from the caller's stream).
   */
  tap(facts: AuditFacts, upstream: UpstreamResponse): void {
    facts.upstreamAt = performance.now();
    if (this.producer === undefined || this.level(facts) !== 'full') return;
    // Past the cap, enough more for a secret straddling the cut to be recognised whole.
    const literals = facts.literals ?? [];
    const lookahead = literals.length > 0 ? (literalPattern(literals)?.longest ?? 0) : 0;
    const capture = new BodyCapture((facts.connection?.audit.maxBodyBytes ?? 0) + lookahead);
    const encoding = upstream.headers['content-encoding'];
    facts.capture = { body: capture, encoding: Array.isArray(encoding) ? encoding.join(',') : encoding };
    upstream.body.on('data', (chunk: Buffer) => capture.push(chunk));
  }

  /**
   * The buffered path, just before the answer is written: notes the body
   * as sent and, in sync mode, records the event and waits for it (503
   * `audit_unavailable` instead of the answer when it cannot be recorded).
   */
  async beforeAnswer(
    facts: AuditFacts,
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    headers: Record<string, string | string[]>,
    body: Buffer,
  ): Promise<void> {
    facts.upstreamAt ??= performance.now();
    facts.responseBody = body;
    if (!this.sync(facts)) return;
    facts.responseHeaders = headers;
    await this.recordNow(facts, req, res, status, undefined);
  }

  /**
   * An error answer is about to be sent. In sync mode the event is recorded
   * first; the error to send is returned (`audit_unavailable` when it could
   * not be recorded).
   */
  async beforeError(
    facts: AuditFacts,
    req: IncomingMessage,
    res: ServerResponse,
    error: ProxyError,
  ): Promise<ProxyError> {
    if (!this.sync(facts) || facts.recorded) return error;
    try {
      await this.recordNow(facts, req, res, error.status, error.code);
      return error;
    } catch (err) {
      return err instanceof ProxyError ? err : new ProxyError('audit_unavailable', undefined, { cause: err });
    }
  }

  private async recordNow(
    facts: AuditFacts,
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    code: string | undefined,
  ): Promise<void> {
    facts.recorded = true;
    const built = this.build(facts, req, res, status, code);
    if (!built) return;
    try {
      await this.producer!.recordDurable(built.event, undefined, built.line);
    } catch (err) {
      // The caller gets 503; the trail still gets that answer's event when it can (finish()).
      facts.recorded = false;
      throw new ProxyError('audit_unavailable', undefined, { cause: err });
    }
  }

  /** The request is over (answered or cut off): records its event unless it was already. */
  finish(
    facts: AuditFacts,
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    code: string | undefined,
  ): void {
    if (this.producer === undefined || facts.recorded) return;
    facts.recorded = true;
    const built = this.build(facts, req, res, status, code);
    if (built) this.producer.record(built.event, built.line);
  }

  /** The event and its JSON line (serialised once, for the scrub check and the producer), or undefined at level none. */
  build(
    facts: AuditFacts,
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    code: string | undefined,
  ): { event: RequestEvent; line: string } | undefined {
    const level = this.level(facts);
    if (level === 'none' || this.producer === undefined) return undefined;
    const now = performance.now();
    const event = requestEventBase(this.producer.source, Date.now()) as RequestEvent;
    const span = trace.getActiveSpan()?.spanContext();
    if (span && span.traceFlags !== undefined && span.traceId !== '00000000000000000000000000000000') {
      event.trace_id = span.traceId;
      event.span_id = span.spanId;
    }
    const first = facts.decision;
    if (first) event.decision_id = first.decisionId;
    const labels = { ...first?.decision.audit?.labels, ...facts.responseDecision?.decision.audit?.labels };
    if (Object.keys(labels).length > 0) event.labels = labels;
    event.level = level;
    event.outcome = outcomeOf(code, status);
    event.error = code ?? null;
    const identity = facts.identity;
    event.identity = identity
      ? {
          sub: identity.sub,
          type: identity.type,
          method: identity.method,
          issuer: identity.issuer,
          groups: identity.groups,
        }
      : null;
    event.connection = facts.connection?.name ?? null;
    event.source_ip = req.socket?.remoteAddress ?? '';
    event.request = this.requestPart(facts, req, level);
    event.response = { status, headers: this.responseHeaders(res, facts.responseHeaders) };
    if (level === 'full') {
      const body = this.responseBody(facts);
      if (body) event.response.body = body;
    }
    event.decision = first
      ? {
          allow: first.decision.allow && (facts.responseDecision?.decision.allow ?? true),
          reasons: [...first.decision.reasons, ...(facts.responseDecision?.decision.reasons ?? [])],
          masks: this.masks(facts),
          approval_required: first.decision.require_approval !== null,
          fail_open: first.failOpen,
          ...(facts.responseDecision ? { response_decision_id: facts.responseDecision.decisionId } : {}),
        }
      : null;
    const approvalId = res.getHeader('x-portcullis-approval-id');
    if (event.decision && typeof approvalId === 'string') event.decision.approval_id = approvalId;
    event.durations = { total_ms: round(now - facts.startedAt) };
    if (facts.authenticatedAt !== undefined)
      event.durations.authenticate_ms = round(facts.authenticatedAt - facts.startedAt);
    if (facts.decidedAt !== undefined && facts.authenticatedAt !== undefined)
      event.durations.decide_ms = round(facts.decidedAt - facts.authenticatedAt);
    if (facts.upstreamAt !== undefined && facts.decidedAt !== undefined)
      event.durations.upstream_ms = round(facts.upstreamAt - facts.decidedAt);
    return this.scrub(event, facts, req);
  }

  private requestPart(facts: AuditFacts, req: IncomingMessage, level: Level): RequestEvent['request'] {
    const input = facts.input;
    let part: RequestEvent['request'];
    if (input) {
      part = {
        method: input.request.method,
        path: input.request.path,
        query: input.request.query,
        headers: input.request.headers,
      };
    } else {
      const url = req.url ?? '';
      const at = url.indexOf('?');
      const query: Record<string, string[]> = {};
      if (at >= 0) {
        for (const [k, v] of new URLSearchParams(url.slice(at + 1))) (query[k] ??= []).push(v);
      }
      part = {
        method: req.method ?? '',
        path: at >= 0 ? url.slice(0, at) : url,
        query,
        headers: headersForInput(req.headers, new Set(this.callerCredentialHeaders)),
      };
    }
    if (level === 'full' && facts.requestBody !== undefined && facts.requestBody.length > 0)
      part.body = this.requestBody(facts, req);
    return part;
  }

  private limit(facts: AuditFacts): number {
    return facts.connection?.audit.maxBodyBytes ?? 0;
  }

  /** The request body with the decision's masks applied; left out when they cannot be. */
  private requestBody(facts: AuditFacts, req: IncomingMessage): RecordedBody {
    const body = facts.requestBody!;
    const mask = facts.decision?.decision.mask;
    if (body.length === 0 || !mask || (mask.fields.length === 0 && mask.detectors.length === 0))
      return recordBody(body, this.limit(facts));
    try {
      const plan = {
        fields: mask.fields,
        detectors: mask.detectors,
        replacement: mask.replacement ?? this.replacement,
        literals: facts.literals ?? [],
      };
      const masked = maskBody(body, String(req.headers['content-type'] ?? ''), plan);
      return recordBody(masked.body, this.limit(facts));
    } catch {
      // Not maskable (binary, not JSON, too deep): keeping it unmasked could leak what the masks hide.
      return omittedBody(body.length, 'not_maskable');
    }
  }

  private responseBody(facts: AuditFacts): RecordedBody | undefined {
    const limit = this.limit(facts);
    if (facts.responseBody !== undefined) return recordBody(facts.responseBody, limit);
    const capture = facts.capture;
    if (!capture) return undefined;
    const raw = capture.body.bytes();
    const decoded = decodePrefix(raw, capture.encoding, limit + raw.length);
    if (decoded === undefined) return omittedBody(capture.body.size, 'not_decodable');
    const literals = facts.literals ?? [];
    const scrubbed = literals.length > 0 ? scrubBuffer(decoded, literals, this.replacement) : decoded;
    const recorded = recordBody(scrubbed, limit, capture.body.size);
    if (!capture.body.complete) recorded.truncated = true;
    return recorded;
  }

  private masks(facts: AuditFacts): { fields: string[]; detectors: string[] } | null {
    const a = facts.decision?.decision.mask;
    const b = facts.responseDecision?.decision.mask;
    if (!a && !b) return null;
    return {
      fields: [...new Set([...(a?.fields ?? []), ...(b?.fields ?? [])])],
      detectors: [...new Set([...(a?.detectors ?? []), ...(b?.detectors ?? [])])],
    };
  }

  /** The answer's headers as sent (or about to be), without cookies being set. */
  private responseHeaders(
    res: ServerResponse,
    pending: Record<string, string | string[]> | undefined,
  ): Record<string, string> {
    const out: Record<string, string> = {};
    const headers = pending ? { ...res.getHeaders(), ...pending } : res.getHeaders();
    for (const name in headers) {
      if (name === 'set-cookie') continue;
      const value = headers[name];
      if (value === undefined) continue;
      out[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return out;
  }

  /** The caller's credential values as sent: a bearer token, an API key, cookie values. */
  private callerLiterals(req: IncomingMessage): string[] {
    const out: string[] = [];
    for (const name of this.callerCredentialHeaders) {
      const raw = req.headers[name];
      for (const value of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
        out.push(value);
        const bearer = /^\s*(?:bearer|basic)\s+(\S+)/i.exec(value);
        if (bearer) out.push(bearer[1]);
        if (name === 'cookie')
          for (const pair of value.split(';')) {
            const eq = pair.indexOf('=');
            if (eq > 0) out.push(pair.slice(eq + 1).trim());
          }
      }
    }
    return out.filter((v) => v.length >= 8);
  }

  /**
   * Every string of the event, keys included, scrubbed of the injected
   * credential (every form the scrubber knows) and of the caller's own
   * credential values (as sent: the caller chose where to put them).
   */
  private scrub(
    event: RequestEvent,
    facts: AuditFacts,
    req: IncomingMessage,
  ): { event: RequestEvent; line: string } {
    const injected = facts.literals ?? [];
    const matcher = injected.length > 0 ? literalPattern(injected) : null;
    const caller = this.callerLiterals(req);
    const line = JSON.stringify(event);
    if ((!matcher && caller.length === 0) || lineHoldsNone(line, matcher, injected, caller))
      return { event, line };
    const replacement = this.replacement;
    const clean = (text: string): string => {
      let out = text;
      for (const literal of caller) if (out.includes(literal)) out = out.split(literal).join(replacement);
      if (matcher && out.length >= matcher.shortest) {
        const bytes = Buffer.from(out);
        const scrubbed = scrubBuffer(bytes, injected, replacement);
        if (scrubbed !== bytes) out = scrubbed.toString();
      }
      return out;
    };
    const walk = (value: unknown): unknown => {
      if (typeof value === 'string') return clean(value);
      if (Array.isArray(value)) return value.map(walk);
      if (value !== null && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        // defineProperty: a "__proto__" key stays a key.
        for (const [k, v] of Object.entries(value))
          Object.defineProperty(out, clean(k), {
            value: walk(v),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        return out;
      }
      return value;
    };
    const scrubbed = walk(event) as RequestEvent;
    return { event: scrubbed, line: JSON.stringify(scrubbed) };
  }
}

/**
 * Whether the serialised event holds no credential, checked on the whole
 * line at once rather than string by string (which costs more than the
 * rest of the event). Sound only when every string of the event stands in
 * the line as it is: the line has no escape but `\"`, and no literal holds
 * a quote or a backslash (a form of a credential then never spans an
 * escaped character). Otherwise, and whenever anything is found, the
 * caller checks string by string.
 */
function lineHoldsNone(
  line: string,
  matcher: SecretMatcher | null,
  injected: readonly string[],
  caller: readonly string[],
): boolean {
  if (/\\[^"]/.test(line)) return false;
  const quoted = (literal: string) => literal.includes('"') || literal.includes('\\');
  for (const literal of caller) if (quoted(literal) || line.includes(literal)) return false;
  if (!matcher) return true;
  if (injected.some(quoted)) return false;
  // The bytes as the scrubber reads them (UTF-8 seen as Latin-1), as scrubBuffer does.
  matcher.find.lastIndex = 0;
  return !matcher.find.test(Buffer.from(line).toString('latin1'));
}
