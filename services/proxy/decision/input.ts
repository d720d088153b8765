import type { IncomingHttpHeaders } from 'node:http';
import type { ApprovalRecord, Grant } from '../../approvals/types.js';
import { jsonTooDeep, MAX_BODY_DEPTH } from '../../common/json-depth.js';
import { isJsonType, mediaType } from '../content-type.js';
import { ProxyError } from '../errors.js';
import type { Identity } from '../identity/identity.js';

/**
 * The decision input (docs/POLICY.md, docs/schemas/decision-input.schema.json).
 * This module is the only place that builds it.
 */
export interface DecisionInput {
  phase: 'request' | 'response';
  identity: Identity;
  connection: { name: string; tags: string[] };
  request: RequestInput;
  source: { ip: string };
  time: TimeInput;
  /** The approval the request carries (`Portcullis-Approval`), or null. */
  approval: ApprovalInput | null;
  /** The caller's active grants on this connection. */
  grants: GrantInput[];
  response?: ResponseInput;
  /** On an mcp connection: the JSON-RPC message being decided (docs/MCP.md). */
  mcp?: McpInput;
}

/**
 * input.mcp: one JSON-RPC message of an MCP connection, as the policy sees
 * it (docs/schemas/mcp-input.schema.json). Fields a method does not have
 * are null.
 */
export interface McpInput {
  /**
   * request, notification, response (the client answering the server), or
   * http: a GET (the server's event stream) or DELETE (end of session) that
   * carries no message.
   */
  kind: 'request' | 'notification' | 'response' | 'http';
  /** `tools/call`, `resources/read`, `initialize`…; null for a response or http. */
  method: string | null;
  /** The request's id (string or integer); null for notifications and http. */
  id: string | number | null;
  /** tools/call: the tool's name. */
  tool: string | null;
  /** tools/call and prompts/get: the arguments object. */
  arguments: Record<string, unknown> | null;
  /** resources/read, resources/subscribe, resources/unsubscribe: the resource's URI. */
  resource_uri: string | null;
  /** prompts/get: the prompt's name. */
  prompt: string | null;
  /** `Mcp-Session-Id` of the request (null before initialize). */
  session_id: string | null;
  /** `MCP-Protocol-Version`, or for initialize the version the client asks for. */
  protocol_version: string | null;
  /**
   * True when the proxy asks whether to show a tool, prompt or resource in
   * a tools/list (prompts/list, resources/list) answer: the input is that
   * of a call of it, without arguments.
   */
  listing: boolean;
}

/** What the MCP module hands over for input.mcp: the message and the request's MCP headers. */
export interface McpFacts {
  kind: McpInput['kind'];
  method?: string;
  id?: string | number | null;
  /** The message's params (object or array), as the upstream gets them. */
  params?: unknown;
  sessionId?: string;
  /** The MCP-Protocol-Version header. */
  protocolVersion?: string;
  listing?: boolean;
}

function member(params: unknown, key: string): unknown {
  return params !== null && typeof params === 'object' && !Array.isArray(params)
    ? (params as Record<string, unknown>)[key]
    : undefined;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function objectOrNull(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

const RESOURCE_METHODS: ReadonlySet<string> = new Set([
  'resources/read',
  'resources/subscribe',
  'resources/unsubscribe',
]);

export function mcpInput(facts: McpFacts): McpInput {
  const method = facts.method ?? null;
  const params = facts.params;
  return {
    kind: facts.kind,
    method,
    id: facts.id ?? null,
    tool: method === 'tools/call' ? stringOrNull(member(params, 'name')) : null,
    arguments:
      method === 'tools/call' || method === 'prompts/get' ? objectOrNull(member(params, 'arguments')) : null,
    resource_uri:
      method !== null && RESOURCE_METHODS.has(method) ? stringOrNull(member(params, 'uri')) : null,
    prompt: method === 'prompts/get' ? stringOrNull(member(params, 'name')) : null,
    session_id: facts.sessionId ?? null,
    protocol_version:
      (method === 'initialize' ? stringOrNull(member(params, 'protocolVersion')) : null) ??
      facts.protocolVersion ??
      null,
    listing: facts.listing ?? false,
  };
}

/** input.approval: the approval a request carries, as the policy sees it. */
export interface ApprovalInput {
  id: string;
  status: ApprovalRecord['status'];
  requester: string;
  reviewers: { groups: string[]; users: string[] };
  min_approvals: number;
  approvals: number;
  reviews: { sub: string; decision: 'approve' | 'deny'; reason: string; at: string; groups: string[] }[];
  created_at: string;
  expires_at: string;
}

/** input.grants[i]: one active just-in-time grant of the caller on this connection. */
export interface GrantInput {
  id: string;
  approval_id: string;
  methods: string[];
  paths: string[];
  expires_at: string;
  /** Null: no limit. */
  uses_left: number | null;
}

export function approvalInput(record: ApprovalRecord): ApprovalInput {
  return {
    id: record.id,
    status: record.status,
    requester: record.requester.sub,
    reviewers: record.requirement.reviewers,
    min_approvals: record.requirement.min_approvals,
    approvals: record.approvals,
    reviews: record.reviews.map((r) => ({
      sub: r.sub,
      decision: r.decision,
      reason: r.reason,
      at: new Date(r.at).toISOString(),
      groups: r.groups,
    })),
    created_at: new Date(record.created_at).toISOString(),
    expires_at: new Date(record.expires_at).toISOString(),
  };
}

export function grantInput(grant: Grant): GrantInput {
  return {
    id: grant.id,
    approval_id: grant.approval_id,
    methods: grant.methods,
    paths: grant.paths,
    expires_at: new Date(grant.expires_at).toISOString(),
    uses_left: grant.uses_left,
  };
}

/** What became of a body on its way into the input. */
export type BodyStatus = 'empty' | 'parsed' | 'invalid_json' | 'not_json' | 'too_large';

export interface BodyFields {
  /** Parsed JSON, only when `body_status` is `parsed`. */
  body?: unknown;
  /** The body as UTF-8 text when it is valid UTF-8 and within the input limit. */
  body_text?: string;
  body_status: BodyStatus;
  body_size: number;
  content_type: string | null;
}

export interface RequestInput extends BodyFields {
  method: string;
  path: string;
  segments: string[];
  query: Record<string, string[]>;
  headers: Record<string, string>;
}

export interface ResponseInput extends BodyFields {
  status: number;
  headers: Record<string, string>;
}

export interface TimeInput {
  unix_ms: number;
  rfc3339: string;
  /** UTC day name, e.g. `Monday`. */
  weekday: string;
  /** UTC hour, 0–23. */
  hour: number;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Lowercased headers as single strings, without the listed (credential) headers. */
export function headersForInput(
  headers: IncomingHttpHeaders,
  drop: ReadonlySet<string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || drop.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** A request body nesting deeper than MAX_BODY_DEPTH: the caller's doing, refused. */
function requestTooDeep(): ProxyError {
  const why = `the JSON body nests deeper than ${MAX_BODY_DEPTH} levels`;
  return new ProxyError('json_too_deep', why);
}

/** The same in a response: the upstream's doing, not maskable nor inspectable. */
function responseTooDeep(): ProxyError {
  const why = `the JSON response nests deeper than ${MAX_BODY_DEPTH} levels`;
  return new ProxyError('response_not_maskable', why);
}

export function bodyFields(
  body: Buffer,
  contentType: string | null,
  limit: number,
  tooDeep: () => ProxyError = requestTooDeep,
): BodyFields {
  const base = { body_size: body.length, content_type: contentType };
  if (body.length === 0) return { ...base, body_status: 'empty' };
  if (body.length > limit) return { ...base, body_status: 'too_large' };
  let text: string | undefined;
  try {
    text = utf8.decode(body);
  } catch {
    text = undefined;
  }
  if (!isJsonType(contentType)) return { ...base, body_status: 'not_json', body_text: text };
  if (text === undefined) return { ...base, body_status: 'invalid_json' };
  if (jsonTooDeep(text, MAX_BODY_DEPTH)) throw tooDeep();
  try {
    return { ...base, body_status: 'parsed', body: JSON.parse(text), body_text: text };
  } catch {
    return { ...base, body_status: 'invalid_json', body_text: text };
  }
}

/** The last one made: under load many requests start within the same millisecond. */
let lastTime: TimeInput | undefined;

/** The input's `time` (the same, never changed, object for the same millisecond). */
export function timeInput(now: Date): TimeInput {
  if (lastTime?.unix_ms === now.getTime()) return lastTime;
  return (lastTime = {
    unix_ms: now.getTime(),
    rfc3339: now.toISOString(),
    weekday: WEEKDAYS[now.getUTCDay()],
    hour: now.getUTCHours(),
  });
}

export interface RequestFacts {
  identity: Identity;
  connection: { name: string; tags: string[] };
  method: string;
  path: string;
  segments: string[];
  query: Record<string, string[]>;
  headers: IncomingHttpHeaders;
  /** Headers never shown to the policy (caller and connection credentials). */
  dropHeaders: ReadonlySet<string>;
  body: Buffer;
  sourceIp: string;
  now: Date;
  maxInputBodyBytes: number;
  /** The approval the request carries. @defaultValue null */
  approval?: ApprovalRecord | null;
  /** The caller's active grants on the connection. @defaultValue [] */
  grants?: readonly Grant[];
  /** On an mcp connection: the message decided. */
  mcp?: McpFacts;
}

const NO_GRANTS: GrantInput[] = [];

export function buildRequestInput(facts: RequestFacts): DecisionInput {
  const input = requestInput(facts);
  if (facts.mcp) input.mcp = mcpInput(facts.mcp);
  return input;
}

function requestInput(facts: RequestFacts): DecisionInput {
  return {
    phase: 'request',
    identity: facts.identity,
    connection: { name: facts.connection.name, tags: [...facts.connection.tags] },
    request: {
      method: facts.method.toUpperCase(),
      path: facts.path,
      segments: facts.segments,
      query: facts.query,
      headers: headersForInput(facts.headers, facts.dropHeaders),
      ...bodyFields(facts.body, mediaType(facts.headers['content-type']), facts.maxInputBodyBytes),
    },
    source: { ip: facts.sourceIp },
    time: timeInput(facts.now),
    approval: facts.approval ? approvalInput(facts.approval) : null,
    grants: facts.grants?.length ? facts.grants.map(grantInput) : NO_GRANTS,
  };
}

export interface ResponseFacts {
  status: number;
  headers: IncomingHttpHeaders;
  dropHeaders: ReadonlySet<string>;
  body: Buffer;
  maxInputBodyBytes: number;
}

/** The second-phase input: the request input plus the upstream's response. */
export function buildResponseInput(request: DecisionInput, facts: ResponseFacts): DecisionInput {
  return {
    ...request,
    phase: 'response',
    response: {
      status: facts.status,
      headers: headersForInput(facts.headers, facts.dropHeaders),
      ...bodyFields(
        facts.body,
        mediaType(facts.headers['content-type']),
        facts.maxInputBodyBytes,
        responseTooDeep,
      ),
    },
  };
}
