import type { AuditEvent, RequestEvent } from './event.js';

/**
 * Our events as OCSF 1.1.0 API Activity (class 6003, category 6,
 * Application Activity) for sinks with `format: ocsf`. Request events map
 * field by field (docs/AUDIT.md has the table); other kinds are API
 * Activity "Other" (99) with the event under `unmapped.portcullis`, so a
 * receiver still gets one class.
 */
export const OCSF_VERSION = '1.1.0';
const CLASS_UID = 6003;
const CATEGORY_UID = 6;

const ACTIVITIES: Record<string, { id: number; name: string }> = {
  POST: { id: 1, name: 'Create' },
  GET: { id: 2, name: 'Read' },
  HEAD: { id: 2, name: 'Read' },
  OPTIONS: { id: 2, name: 'Read' },
  PUT: { id: 3, name: 'Update' },
  PATCH: { id: 3, name: 'Update' },
  DELETE: { id: 4, name: 'Delete' },
};
const OTHER = { id: 99, name: 'Other' };

function metadata(event: AuditEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {
    version: OCSF_VERSION,
    uid: event.event_id,
    product: { name: 'Portcullis', vendor_name: 'Portcullis', feature: { name: event.source.service } },
    log_name: event.kind,
    original_time: event.time,
  };
  if (event.trace_id) out.correlation_uid = event.trace_id;
  if (event.labels && Object.keys(event.labels).length > 0)
    out.labels = Object.entries(event.labels).map(([k, v]) => `${k}:${v}`);
  return out;
}

function requestActivity(event: RequestEvent): Record<string, unknown> {
  const activity = ACTIVITIES[event.request.method] ?? OTHER;
  const success = event.outcome === 'forwarded' && event.response.status < 400;
  const decision = event.decision;
  const query = Object.entries(event.request.query)
    .flatMap(([k, values]) => values.map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
    .join('&');
  const out: Record<string, unknown> = {
    class_uid: CLASS_UID,
    class_name: 'API Activity',
    category_uid: CATEGORY_UID,
    category_name: 'Application Activity',
    activity_id: activity.id,
    activity_name: activity.name,
    type_uid: CLASS_UID * 100 + activity.id,
    time: Date.parse(event.time),
    severity_id: decision && !decision.allow ? 3 : 1,
    status_id: success ? 1 : 2,
    status: success ? 'Success' : 'Failure',
    status_code: String(event.response.status),
    metadata: metadata(event),
    api: {
      operation: `${event.request.method} ${event.request.path}`,
      request: { uid: event.decision_id ?? event.event_id },
      response: {
        code: event.response.status,
        ...(event.error ? { error: event.error } : {}),
      },
      service: { name: event.connection ?? 'unknown' },
    },
    http_request: {
      http_method: event.request.method,
      url: { path: event.request.path, ...(query ? { query_string: query } : {}) },
      ...(event.request.headers['user-agent'] ? { user_agent: event.request.headers['user-agent'] } : {}),
    },
    http_response: { code: event.response.status },
    src_endpoint: { ip: event.source_ip },
    duration: Math.round(event.durations.total_ms),
    unmapped: { portcullis: { outcome: event.outcome, level: event.level } },
  };
  if (event.error) out.status_detail = event.error;
  if (event.identity) {
    out.actor = {
      user: {
        uid: event.identity.sub,
        name: event.identity.sub,
        type: event.identity.type === 'user' ? 'User' : 'Other',
        groups: event.identity.groups.map((name) => ({ name })),
      },
      ...(decision
        ? {
            authorizations: [
              {
                decision: decision.allow ? 'allow' : 'deny',
                policy: { name: event.labels?.policy ?? 'portcullis', uid: event.decision_id },
              },
            ],
          }
        : {}),
    };
  }
  if (decision) {
    // Security Control profile: allowed or blocked.
    out.action_id = decision.allow ? 1 : 2;
    out.action = decision.allow ? 'Allowed' : 'Denied';
    out.disposition_id = decision.allow ? 1 : 2;
    out.disposition = decision.allow ? 'Allowed' : 'Blocked';
  }
  return out;
}

export function toOcsf(event: AuditEvent): Record<string, unknown> {
  if (event.kind === 'request') return requestActivity(event);
  return {
    class_uid: CLASS_UID,
    class_name: 'API Activity',
    category_uid: CATEGORY_UID,
    category_name: 'Application Activity',
    activity_id: OTHER.id,
    activity_name: event.kind,
    type_uid: CLASS_UID * 100 + OTHER.id,
    time: Date.parse(event.time),
    severity_id: 1,
    status_id: 1,
    metadata: metadata(event),
    unmapped: { portcullis: event },
  };
}

/** The JSON text of each event in the requested format (ours is the text as it travelled). */
export function encodeLines(
  batch: { events: AuditEvent[]; lines: string[] },
  format: 'portcullis' | 'ocsf',
): string[] {
  return format === 'ocsf' ? batch.events.map((e) => JSON.stringify(toOcsf(e))) : batch.lines;
}
