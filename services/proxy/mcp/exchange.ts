import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { ApprovalContext, ApprovalFacts, ApprovalGate } from '../approval/gate.js';
import { mcpLimits, sseLimits, type ConnectionConfig } from '../config.js';
import type { Decision } from '../decision/document.js';
import type { DecisionInput, McpFacts } from '../decision/input.js';
import { ProxyError } from '../errors.js';
import type { UpstreamResponse } from '../forward/upstream.js';
import { isEventStream } from '../sse/frame.js';
import { McpAnswers, type AnswerQuestions, type MessagePlan } from './answers.js';
import {
  APPROVAL_ARGUMENT,
  APPROVAL_META,
  BREAK_GLASS_META,
  pendingAnswer,
  proxyErrorAnswer,
  REASON_META,
  type PendingApproval,
} from './errors.js';
import {
  canonicalJson,
  INVALID_REQUEST,
  JsonRpcBodyError,
  jsonRpcError,
  messageForUpstream,
  parseJsonRpcBody,
  refusalAnswer,
  type JsonObject,
  type JsonRpcId,
  type ParsedMessage,
} from './jsonrpc.js';
import { answerUpstream, writeJson } from './respond.js';

/**
 * A POST to an MCP connection (streamable HTTP): every JSON-RPC message of
 * the body is decided on its own (input.mcp), and answered on its own:
 * refused ones by a JSON-RPC error in the reply (never an HTTP 403),
 * pending approvals by a tool result that says how to retry, the others
 * forwarded together in one upstream request whose answers are inspected,
 * filtered and masked per message. Malformed bodies never reach the
 * upstream.
 */

/** What the pipeline lends the exchange: its decision, approval and upstream steps. */
export interface McpHost {
  req: IncomingMessage;
  res: ServerResponse;
  log: Logger;
  connection: ConnectionConfig;
  /** The POST body as read. */
  body: Buffer;
  approvals: ApprovalGate;
  /** The approval facts that are the same for every message. */
  approvalFacts: Omit<ApprovalFacts, 'body' | 'headers'>;
  /** The decision input of one message: its JSON as the body, `mcp` as input.mcp. */
  input(body: Buffer, mcp: McpFacts, approval: ApprovalContext | null): DecisionInput;
  /** The response-phase input for an answer (its JSON as the response body). */
  responseInput(
    request: DecisionInput,
    status: number,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): DecisionInput;
  /** One decision, with the connection's fail mode. */
  decide(input: DecisionInput): Promise<{ decisionId: string; decision: Decision; failOpen: boolean }>;
  /** Throws decision_headers_refused for header changes the connection protects. */
  checkHeaders(changes: Decision['headers']): void;
  /** Sends the forwarded messages upstream, with the connection's headers and credential. */
  forward(
    body: Buffer,
    changes: Decision['headers'],
  ): Promise<{ upstream: UpstreamResponse; literals: readonly string[] }>;
  /** For the audit trail: the request as the policy saw it, and its (first) decision. */
  noteDecision(
    input: DecisionInput,
    outcome: { decisionId: string; decision: Decision; failOpen: boolean },
  ): void;
  /** For the audit trail: the bytes the caller gets from a stream. */
  tap(output: Readable): void;
  maxResponseBytes: number;
  replacement: string;
}

/** What became of one message before the upstream was asked. */
type Outcome =
  | { kind: 'answer'; index: number; answer: JsonObject }
  | { kind: 'forward'; index: number; message: JsonObject; changes: Decision['headers']; plan?: MessagePlan }
  | { kind: 'drop'; index: number };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A string the caller put under `key` of the params' `_meta` (or, for an approval, of the arguments). */
function callerSays(raw: JsonObject, key: string, argument?: string): string | undefined {
  const params = raw.params;
  if (!isObject(params)) return undefined;
  const meta = params._meta;
  if (isObject(meta) && typeof meta[key] === 'string') return meta[key];
  const args = params.arguments;
  if (argument && isObject(args) && typeof args[argument] === 'string') return args[argument];
  return undefined;
}

const CALLER_HEADERS = ['portcullis-approval', 'portcullis-reason', 'portcullis-break-glass'];

/**
 * The caller's approval headers for one message: what its `_meta` says
 * (or its `_portcullis_approval` argument), else, in a body of one
 * message, the HTTP headers.
 */
function approvalHeaders(req: IncomingMessage, raw: JsonObject, single: boolean): IncomingHttpHeaders {
  const approval = callerSays(raw, APPROVAL_META, APPROVAL_ARGUMENT);
  const reason = callerSays(raw, REASON_META);
  const breakGlass = callerSays(raw, BREAK_GLASS_META);
  // Read only: a single message that says nothing of its own has the request's headers as they are.
  if (single && approval === undefined && reason === undefined && breakGlass === undefined)
    return req.headers;
  const headers: IncomingHttpHeaders = { ...req.headers };
  if (!single) for (const name of CALLER_HEADERS) delete headers[name];
  if (approval !== undefined) headers['portcullis-approval'] = approval;
  if (reason !== undefined) headers['portcullis-reason'] = reason;
  if (breakGlass !== undefined) headers['portcullis-break-glass'] = breakGlass;
  return headers;
}

/** What an approval is bound to: the method and params, without `_meta` (progress tokens change per call). */
function approvalBody(message: JsonObject): Buffer {
  const params = isObject(message.params) ? { ...message.params } : message.params;
  if (isObject(params)) delete params._meta;
  return Buffer.from(canonicalJson({ method: message.method ?? null, params: params ?? null }));
}

const STRIPPED = { meta: [APPROVAL_META, REASON_META, BREAK_GLASS_META], arguments: [APPROVAL_ARGUMENT] };

function mergeChanges(all: Decision['headers'][]): Decision['headers'] {
  const present = all.filter((c) => c !== null);
  if (present.length === 0) return null;
  if (present.length === 1) return present[0];
  return {
    set: Object.assign({}, ...present.map((c) => c.set)),
    remove: [...new Set(present.flatMap((c) => c.remove))],
  };
}

export async function answerMcpPost(host: McpHost): Promise<void> {
  const { req, res, connection } = host;
  let parsed;
  try {
    parsed = parseJsonRpcBody(host.body, mcpLimits(connection));
  } catch (err) {
    if (!(err instanceof JsonRpcBodyError)) throw err;
    // Nothing was decided or forwarded: the body as a whole is not JSON-RPC the proxy accepts.
    writeJson(res, 400, refusalAnswer(err.refusal));
    return;
  }
  const single = parsed.messages.length === 1;
  const session = {
    sessionId: header(req.headers, 'mcp-session-id'),
    protocolVersion: header(req.headers, 'mcp-protocol-version'),
  };
  let noted = false;
  const decideOne = async (message: ParsedMessage): Promise<Outcome> => {
    if (message.kind === 'invalid') {
      const answer = jsonRpcError(message.id, {
        code: INVALID_REQUEST,
        message: message.message,
        data: { error: message.code },
      });
      return { kind: 'answer', index: message.index, answer };
    }
    const id: JsonRpcId | null = message.kind === 'notification' ? null : message.id;
    const method = message.kind === 'response' ? undefined : message.method;
    const forwarded = messageForUpstream(message.raw, STRIPPED);
    let decisionId: string | undefined;
    try {
      const facts: McpFacts = { kind: message.kind, method, id, params: forwarded.params, ...session };
      const body = single && forwarded === message.raw ? host.body : Buffer.from(JSON.stringify(forwarded));
      // The body approvals bind to, made only if an approval is looked at or opened.
      let bound: Buffer | undefined;
      const approval = await host.approvals.prepare({
        ...host.approvalFacts,
        get body() {
          return (bound ??= approvalBody(forwarded));
        },
        headers: approvalHeaders(req, message.raw, single),
      });
      const input = host.input(body, facts, approval);
      const outcome = await host.decide(input);
      decisionId = outcome.decisionId;
      if (!noted) {
        noted = true;
        host.noteDecision(input, outcome);
      }
      const { decision } = outcome;
      if (!decision.allow) throw new ProxyError('forbidden', undefined, { reasons: decision.reasons });
      let pending: PendingApproval | undefined;
      approval.onPending = (record, url) => {
        const reason = decision.require_approval?.reason;
        pending = { record, url, reasons: [...new Set([...decision.reasons, ...(reason ? [reason] : [])])] };
      };
      const verdict = await host.approvals.enforce(approval, decision, input, res, outcome.decisionId);
      if (verdict === 'answered') {
        // Pending: told in the reply. Otherwise the caller has gone.
        if (!pending || message.kind !== 'request') return { kind: 'drop', index: message.index };
        const tool = typeof input.mcp?.tool === 'string' ? input.mcp.tool : null;
        const answer = pendingAnswer(message.id, message.method, tool, pending, outcome.decisionId);
        return { kind: 'answer', index: message.index, answer };
      }
      host.checkHeaders(decision.headers);
      const plan: MessagePlan | undefined =
        message.kind === 'request'
          ? {
              method: message.method,
              input,
              decisionId: outcome.decisionId,
              mask: decision.mask,
              inspect: decision.inspect_response,
            }
          : undefined;
      return { kind: 'forward', index: message.index, message: forwarded, changes: decision.headers, plan };
    } catch (err) {
      if (!(err instanceof ProxyError)) throw err;
      host.log.info(
        { decision_id: decisionId ?? null, code: err.code, method: method ?? null },
        'MCP message refused',
      );
      // A notification or a client's answer cannot be answered: it is dropped.
      if (id === null || message.kind === 'response') return { kind: 'drop', index: message.index };
      return { kind: 'answer', index: message.index, answer: proxyErrorAnswer(id, err, decisionId) };
    }
  };
  const outcomes = await Promise.all(parsed.messages.map(decideOne));
  if (res.destroyed || res.headersSent) return;
  const answers = outcomes.flatMap((o) => (o.kind === 'answer' ? [o.answer] : []));
  const forwards = outcomes.flatMap((o) => (o.kind === 'forward' ? [o] : []));
  if (forwards.length === 0) {
    if (answers.length === 0) {
      // Only notifications or answers, none passed: accepted, as the upstream would have.
      res.statusCode = 202;
      res.end();
      return;
    }
    writeJson(res, 200, parsed.batch ? answers : answers[0]);
    return;
  }
  const unchanged =
    forwards.length === parsed.messages.length &&
    forwards.every((f) => f.message === (parsed.messages[f.index] as { raw?: JsonObject }).raw);
  const body = unchanged
    ? host.body
    : Buffer.from(JSON.stringify(parsed.batch ? forwards.map((f) => f.message) : forwards[0].message));
  const { upstream, literals } = await host.forward(body, mergeChanges(forwards.map((f) => f.changes)));
  const plans = new Map<JsonRpcId, MessagePlan>();
  for (const f of forwards) if (f.plan) plans.set((f.message as { id: JsonRpcId }).id, f.plan);
  const answering = new McpAnswers(plans, questions(host), host.replacement, host.log);
  await answerUpstream({
    res,
    upstream,
    literals,
    answering,
    local: answers,
    batch: parsed.batch,
    streamed: isEventStream(upstream.headers['content-type']),
    maxResponseBytes: host.maxResponseBytes,
    maxEventBytes: sseLimits(connection).maxEventBytes,
    replacement: host.replacement,
    tap: host.tap,
  });
}

/** The policy questions answers may need, through the host's decisions. */
function questions(host: McpHost): AnswerQuestions {
  return {
    async responsePhase(plan, answer) {
      const input = host.responseInput(
        plan.input,
        200,
        { 'content-type': 'application/json' },
        Buffer.from(JSON.stringify(answer)),
      );
      return (await host.decide(input)).decision;
    },
    async visible(plan, call) {
      const mcp = plan.input.mcp!;
      const facts: McpFacts = {
        kind: 'request',
        method: call.method as string,
        id: null,
        params: call.params,
        sessionId: mcp.session_id ?? undefined,
        protocolVersion: mcp.protocol_version ?? undefined,
        listing: true,
      };
      const message = { jsonrpc: '2.0', ...call };
      try {
        const input = host.input(Buffer.from(JSON.stringify(message)), facts, null);
        input.approval = plan.input.approval;
        input.grants = plan.input.grants;
        return (await host.decide(input)).decision.allow;
      } catch (err) {
        if (!(err instanceof ProxyError)) throw err;
        // Fails closed: an item the policy could not be asked about is not shown.
        host.log.warn({ code: err.code, reason: err.message }, 'MCP listing item hidden: no decision');
        return false;
      }
    },
  };
}

/** input.mcp of a request that carries no message (GET: the server's stream; DELETE: end of session). */
export function mcpHttpFacts(
  connection: ConnectionConfig,
  headers: IncomingHttpHeaders,
): McpFacts | undefined {
  if (connection.protocol !== 'mcp') return undefined;
  return {
    kind: 'http',
    sessionId: header(headers, 'mcp-session-id'),
    protocolVersion: header(headers, 'mcp-protocol-version'),
  };
}
