import { createHash } from 'node:crypto';
import type { AuditEvent, RecordedBody } from '../event.js';

/*
 * The tamper-evident chain: each stored event's `hash` covers the previous
 * event's hash, the hash of its text without bodies (`content_hash`) and
 * the hash of its bodies (`bodies_hash`). Bodies are hashed apart so
 * retention can drop them (or a whole event) and keep the chain checkable:
 * a purged event keeps its hashes, so removing or changing any event, or
 * moving one, breaks the link to the next.
 */

export const GENESIS = sha256('portcullis-audit-chain-v1');

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function linkHash(prevHash: string, contentHash: string, bodiesHash: string | null): string {
  return sha256(`${prevHash}\n${contentHash}\n${bodiesHash ?? ''}`);
}

export interface StoredBodies {
  request?: RecordedBody;
  response?: RecordedBody;
}

/**
 * The event's text without bodies, and its bodies' text (null when it has
 * none). `line`, the event's text as it travelled, is the head as is when
 * there are no bodies to take out.
 */
export function splitBodies(event: AuditEvent, line?: string): { head: string; bodies: string | null } {
  if (event.kind !== 'request' || (!event.request.body && !event.response.body)) {
    return { head: line ?? JSON.stringify(event), bodies: null };
  }
  const bodies: StoredBodies = {};
  if (event.request.body) bodies.request = event.request.body;
  if (event.response.body) bodies.response = event.response.body;
  const { body: _rq, ...request } = event.request;
  const { body: _rs, ...response } = event.response;
  return { head: JSON.stringify({ ...event, request, response }), bodies: JSON.stringify(bodies) };
}

/** The event as stored: the text with its bodies put back (or marked purged). */
export function joinBodies(head: string, bodies: string | null, bodiesPurged: boolean): AuditEvent {
  const event = JSON.parse(head) as AuditEvent;
  if (event.kind !== 'request') return event;
  if (bodies !== null) {
    const parsed = JSON.parse(bodies) as StoredBodies;
    if (parsed.request) event.request.body = parsed.request;
    if (parsed.response) event.response.body = parsed.response;
  } else if (bodiesPurged) {
    event.request.body = { size: 0, encoding: 'utf8', truncated: true, omitted: 'purged' };
    event.response.body = { size: 0, encoding: 'utf8', truncated: true, omitted: 'purged' };
  }
  return event;
}
