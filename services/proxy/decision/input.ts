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
}

const NO_GRANTS: GrantInput[] = [];

export function buildRequestInput(facts: RequestFacts): DecisionInput {
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
