import {
  bundleEvent,
  decisionLogEvent,
  requestEventBase,
  shadowEvent,
  type AuditEvent,
  type RequestEvent,
} from '../../services/audit/event.js';
import { transitionAuditEvent } from '../../services/audit/transitions.js';
import { buildEvent } from '../../services/decision/logs/event.js';
import { source } from './support/export.js';
import { auditEventProblems } from './support/schema.js';

function requestEvent(level: 'basic' | 'full'): RequestEvent {
  return {
    ...requestEventBase(source, Date.now()),
    level,
    outcome: 'forwarded',
    error: null,
    identity: { sub: 'ada', type: 'user', method: 'api_key', issuer: 'api-key', groups: ['engineers'] },
    connection: 'crm',
    source_ip: '127.0.0.1',
    request: { method: 'GET', path: '/crm/customers', query: { page: ['1'] }, headers: { accept: '*/*' } },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      ...(level === 'full'
        ? { body: { size: 4000, encoding: 'utf8' as const, content: '[{"ssn":"[MASKED]"', truncated: true } }
        : {}),
    },
    decision: {
      allow: true,
      reasons: [],
      masks: { fields: ['**.ssn'], detectors: ['email'] },
      approval_required: false,
      fail_open: false,
    },
    durations: { total_ms: 2.5, authenticate_ms: 0.1, decide_ms: 1, upstream_ms: 1 },
    bundles: { gateway: { revision: 'r1' } },
    decision_id: 'd-1',
  };
}

describe('docs/schemas/audit-event.schema.json agrees with the events produced', () => {
  const problems = auditEventProblems();

  it('accepts an event of every kind as the producers build them', () => {
    const decisionLog = buildEvent({
      decisionId: 'd-1',
      path: 'gateway/decision',
      input: { identity: { sub: 'ada' } },
      result: { allow: true },
      bundles: { gateway: { revision: 'r1' } },
      labels: { id: 'decision-1', version: '1' },
      requestedBy: '127.0.0.1',
      reqId: 3,
      metrics: { timer_rego_query_eval_ns: 1200 },
    });
    const events: AuditEvent[] = [
      requestEvent('basic'),
      requestEvent('full'),
      decisionLogEvent({ ...decisionLog, erased: ['/input/response/body'] }, source),
      bundleEvent({ name: 'gateway', revision: 'r1', outcome: 'activated' }, source),
      bundleEvent({ name: 'gateway', outcome: 'failed', error: 'bundle_signature_invalid' }, source),
      shadowEvent(
        {
          path: 'gateway/decision',
          subject: 'ada',
          connection: null,
          live_revisions: { gateway: { revision: 'r1' } },
          shadow_revision: 'r2',
          live_allow: true,
          shadow_allow: false,
          changes: ['allow_to_deny'],
          reasons: { allow_to_deny: ['no rule grants it'] },
        },
        { decision_id: 'd-1' },
        source,
      ),
      transitionAuditEvent(
        {
          event_id: '1733580000000-0',
          type: 'grant.created',
          at: Date.UTC(2026, 11, 7),
          approval_id: 'a-1',
          grant_id: 'g-1',
          connection: 'crm',
          subject: 'ada',
          from: null,
          to: 'active',
          actor: 'bob',
          via: 'api',
          reason: 'quarter close',
          details: { uses: 5 },
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        },
        source,
        'schema-test',
      ),
    ];
    expect(new Set(events.map((e) => e.kind))).toEqual(
      new Set(['request', 'decision_log', 'bundle', 'shadow', 'grant']),
    );
    for (const event of events)
      expect({ kind: event.kind, problems: problems(event) }).toEqual({
        kind: event.kind,
        problems: [],
      });
  });

  it('refuses what the code never produces', () => {
    const event = requestEvent('full');
    expect(problems(event)).toEqual([]);
    expect(problems({ ...event, event_id: '01234567-89ab-4def-8123-456789abcdef' })).not.toEqual([]);
    expect(problems({ ...event, kind: 'login' })).not.toEqual([]);
    expect(problems({ ...event, identity: { ...event.identity, token: 'Bearer x' } })).not.toEqual([]);
    expect(problems({ ...event, request: { ...event.request, body: { size: 1 } } })).not.toEqual([]);
  });
});
