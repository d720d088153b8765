import { hostname } from 'node:os';
import type { DecisionEvent } from '../decision/logs/event.js';
import { isoTime } from './clock.js';
import { uuidv7 } from './ids.js';

/**
 * The audit event: one record of something that happened, as every sink
 * and the store receive it (docs/AUDIT.md; JSON Schema in
 * docs/schemas/audit-event.schema.json). Plain JSON data; `event_id` (a
 * UUIDv7) is the dedupe key across retries and sinks.
 */
export const AUDIT_SCHEMA_VERSION = 1;

export const AUDIT_EVENT_KINDS = [
  'request',
  'decision_log',
  'approval',
  'grant',
  'bundle',
  'shadow',
] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

/** The levels a decision's `audit.level` chooses between. */
export type AuditLevel = 'none' | 'basic' | 'full';

/** The process that produced an event. */
export interface AuditSource {
  /** `proxy`, `decision`, `workers`. */
  service: string;
  /** Which instance: `host:pid` unless configured. */
  instance: string;
}

interface EventBase {
  schema_version: typeof AUDIT_SCHEMA_VERSION;
  event_id: string;
  kind: AuditEventKind;
  /** RFC 3339 with milliseconds, UTC. */
  time: string;
  source: AuditSource;
  trace_id?: string;
  span_id?: string;
  /** The decision this event is about, when there was one. */
  decision_id?: string;
  /** Free labels (the decision's `audit.labels`, the decision log's labels). */
  labels?: Record<string, string>;
}

/** A body as recorded: text when it is UTF-8, else base64; cut at the configured size. */
export interface RecordedBody {
  /** Bytes the body had (as the caller saw it, after masking). */
  size: number;
  encoding: 'utf8' | 'base64';
  /** The recorded prefix; absent when `omitted` says why. */
  content?: string;
  /** True when `content` holds less than the whole body. */
  truncated: boolean;
  /** Why no content was recorded: `not_maskable` (masks could not be applied), `not_captured`. */
  omitted?: string;
}

export interface RequestEventIdentity {
  sub: string;
  type: 'user' | 'service';
  method: 'jwt' | 'api_key';
  issuer: string;
  groups: string[];
}

export interface RequestEventDecision {
  allow: boolean;
  reasons: string[];
  /** What was masked in what the caller received (field globs and detector names). */
  masks: { fields: string[]; detectors: string[] } | null;
  /** Set when the policy asked for approval. */
  approval_required: boolean;
  approval_id?: string;
  fail_open: boolean;
  /** The response-phase decision's id, when the response was inspected. */
  response_decision_id?: string;
}

/**
 * What a request came to: `forwarded` (the upstream answered, whatever its
 * status), `denied`, `approval_required`, `unauthenticated`, `refused` (the
 * proxy refused it before a decision: framing, no connection, too large),
 * `failed` (decision, upstream or credential failure), `interrupted`
 * (the answer was cut off while streaming).
 */
export type RequestOutcome =
  | 'forwarded'
  | 'denied'
  | 'approval_required'
  | 'approval_pending'
  | 'unauthenticated'
  | 'refused'
  | 'failed'
  | 'interrupted';

export interface RequestEvent extends EventBase {
  kind: 'request';
  level: 'basic' | 'full';
  outcome: RequestOutcome;
  /** The error code answered, when the answer was an error. */
  error: string | null;
  identity: RequestEventIdentity | null;
  connection: string | null;
  source_ip: string;
  request: {
    method: string;
    path: string;
    query: Record<string, string[]>;
    /** Without the caller's credentials nor the injected one. */
    headers: Record<string, string>;
    body?: RecordedBody;
  };
  response: {
    status: number;
    headers: Record<string, string>;
    body?: RecordedBody;
  };
  decision: RequestEventDecision | null;
  durations: { total_ms: number; authenticate_ms?: number; decide_ms?: number; upstream_ms?: number };
  bundles?: Record<string, { revision: string }>;
}

export interface DecisionLogAuditEvent extends EventBase {
  kind: 'decision_log';
  /** OPA's decision log event, unchanged (after `system.log.mask`). */
  decision_log: DecisionEvent;
}

/** An approval or grant transition, as the approvals domain reports it. */
export interface TransitionAuditEvent extends EventBase {
  kind: 'approval' | 'grant';
  approval_id?: string;
  grant_id?: string;
  /** Who the request or grant is for. */
  subject?: string;
  connection?: string;
  /** The state moved to, e.g. `pending`, `approved`, `denied`, `expired`, `revoked`. */
  transition: string;
  /** Who moved it (a reviewer, `system` for expiry). */
  actor?: string;
  /** The approvals domain's event object, as given. */
  details: Record<string, unknown>;
}

export interface BundleAuditEvent extends EventBase {
  kind: 'bundle';
  bundle: { name: string; revision?: string; outcome: 'activated' | 'failed'; error?: string };
}

/**
 * A decision the shadow bundle answers differently from the live one
 * (docs/POLICY.md, Shadow bundles): what changed, never the input (the
 * decision log of the same `decision_id` has it, masked).
 */
export interface ShadowAuditEvent extends EventBase {
  kind: 'shadow';
  shadow: {
    /** Data path decided, slash separated. */
    path: string;
    subject: string | null;
    connection: string | null;
    /** The live bundles' revisions, and the shadow bundle's. */
    live_revisions: Record<string, { revision: string }>;
    shadow_revision: string;
    /** The live decision's `allow`, and the shadow's (null: not a gateway decision, or undefined). */
    live_allow: boolean | null;
    shadow_allow: boolean | null;
    /** What changed: allow_to_deny, deny_to_allow, approval_added, approval_removed, approval_changed, mask_changed, other_changed. */
    changes: string[];
    /** The reasons behind each change (the side that says no). */
    reasons: Record<string, string[]>;
  };
}

export type AuditEvent =
  RequestEvent | DecisionLogAuditEvent | TransitionAuditEvent | BundleAuditEvent | ShadowAuditEvent;

/** `host:pid`, the default instance name. */
export function defaultInstance(): string {
  return `${hostname()}:${process.pid}`;
}

function base(kind: AuditEventKind, source: AuditSource, at: number): EventBase {
  return {
    schema_version: AUDIT_SCHEMA_VERSION,
    event_id: uuidv7(at),
    kind,
    time: isoTime(at),
    source,
  };
}

/** Wraps a decision log event (OPA's shape, already masked) as an audit event. */
export function decisionLogEvent(
  event: DecisionEvent,
  source: AuditSource,
  at = Date.now(),
): DecisionLogAuditEvent {
  const out = base('decision_log', source, at) as DecisionLogAuditEvent;
  out.decision_id = event.decision_id;
  if (event.trace_id) out.trace_id = event.trace_id;
  if (event.span_id) out.span_id = event.span_id;
  out.decision_log = event;
  return out;
}

/**
 * A decision-log event's JSON, its decision's input given as JSON already
 * (serialised once for the evaluation, not again for the log). The input
 * goes last in `decision_log`, which is the event's last member.
 */
export function decisionLogLine(event: DecisionLogAuditEvent, inputJson: string | undefined): string {
  const { input, ...rest } = event.decision_log;
  if (inputJson === undefined || input === undefined) return JSON.stringify(event);
  const text = JSON.stringify({ ...event, decision_log: rest });
  if (Object.keys(rest).length === 0 || !text.endsWith('}}')) return JSON.stringify(event);
  return `${text.slice(0, -2)},"input":${inputJson}}}`;
}

export function bundleEvent(
  bundle: BundleAuditEvent['bundle'],
  source: AuditSource,
  at = Date.now(),
): BundleAuditEvent {
  const out = base('bundle', source, at) as BundleAuditEvent;
  out.bundle = bundle;
  return out;
}

export function transitionEvent(
  kind: 'approval' | 'grant',
  fields: Omit<TransitionAuditEvent, keyof EventBase | 'kind'> & { decision_id?: string; trace_id?: string },
  source: AuditSource,
  at = Date.now(),
): TransitionAuditEvent {
  const out = base(kind, source, at) as TransitionAuditEvent;
  Object.assign(out, fields);
  return out;
}

export function shadowEvent(
  shadow: ShadowAuditEvent['shadow'],
  ids: { decision_id: string; trace_id?: string; span_id?: string },
  source: AuditSource,
  at = Date.now(),
): ShadowAuditEvent {
  const out = base('shadow', source, at) as ShadowAuditEvent;
  out.decision_id = ids.decision_id;
  if (ids.trace_id) out.trace_id = ids.trace_id;
  if (ids.span_id) out.span_id = ids.span_id;
  out.shadow = shadow;
  return out;
}

/** A request event's common part; the proxy's recorder fills the rest. */
export function requestEventBase(source: AuditSource, at: number): EventBase & { kind: 'request' } {
  return base('request', source, at) as EventBase & { kind: 'request' };
}

/**
 * The columns the store indexes and the API filters on, read from any
 * kind of event: who, where, which decision.
 */
export interface EventFacets {
  subject: string | null;
  connection: string | null;
  /** `allow`, `deny` or null when no decision was made. */
  decision: 'allow' | 'deny' | null;
  status: number | null;
  approval_id: string | null;
}

export function eventFacets(event: AuditEvent): EventFacets {
  switch (event.kind) {
    case 'request':
      return {
        subject: event.identity?.sub ?? null,
        connection: event.connection,
        decision: event.decision ? (event.decision.allow ? 'allow' : 'deny') : null,
        status: event.response.status,
        approval_id: event.decision?.approval_id ?? null,
      };
    case 'decision_log': {
      const log = event.decision_log;
      const input = log.input as
        { identity?: { sub?: unknown }; connection?: { name?: unknown } } | undefined;
      const result = log.result as { allow?: unknown } | undefined;
      const allow =
        typeof result?.allow === 'boolean'
          ? result.allow
          : typeof log.result === 'boolean'
            ? log.result
            : undefined;
      return {
        subject: typeof input?.identity?.sub === 'string' ? input.identity.sub : null,
        connection: typeof input?.connection?.name === 'string' ? input.connection.name : null,
        decision: allow === undefined ? null : allow ? 'allow' : 'deny',
        status: null,
        approval_id: null,
      };
    }
    case 'approval':
    case 'grant':
      return {
        subject: event.subject ?? null,
        connection: event.connection ?? null,
        decision: null,
        status: null,
        approval_id: event.approval_id ?? null,
      };
    case 'bundle':
      return { subject: null, connection: null, decision: null, status: null, approval_id: null };
    case 'shadow':
      return {
        subject: event.shadow.subject,
        connection: event.shadow.connection,
        decision: event.shadow.live_allow === null ? null : event.shadow.live_allow ? 'allow' : 'deny',
        status: null,
        approval_id: null,
      };
  }
}
