import express, { type Express, type Request, type RequestHandler } from 'express';
import { AUDIT_EVENT_KINDS } from '../../audit/event.js';
import { AuditError } from '../../audit/errors.js';
import type { AuditStore, EventQuery } from '../../audit/store/store.js';
import { verifyChain } from '../../audit/store/verify.js';

export interface AuditRoutesOptions {
  /** Authenticates the caller (sets `req.caller`): createCallerAuth. */
  callerAuth: RequestHandler;
  /** Callers must be in this group. */
  auditorGroup: string;
  /** The store the API reads (undefined: no postgres sink configured). */
  store: () => Promise<AuditStore | undefined>;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(message: string): AuditError {
  return new AuditError('audit_query_invalid', message);
}

/** A query parameter given once, as text. */
function one(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`${name}: give it once, as text`);
  return value;
}

function time(req: Request, name: string): Date | undefined {
  const text = one(req, name);
  if (text === undefined) return undefined;
  if (!TIME.test(text) || Number.isNaN(Date.parse(text)))
    throw invalid(`${name}: "${text}" is not an RFC 3339 time`);
  return new Date(text);
}

/** Cursors are opaque to callers: the order and the position, base64url. */
export function encodeCursor(order: 'asc' | 'desc', seq: number): string {
  return Buffer.from(`${order}:${seq}`).toString('base64url');
}

function decodeCursor(text: string, order: 'asc' | 'desc'): number {
  const m = /^(asc|desc):(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString());
  if (!m) throw invalid('cursor: not a cursor this API gave');
  if (m[1] !== order) throw invalid('cursor: it belongs to the other order');
  return Number(m[2]);
}

/** Reads and checks the filters of `GET /v1/audit/events`. */
export function parseEventQuery(req: Request): EventQuery {
  const known = new Set([
    'subject',
    'connection',
    'decision',
    'status',
    'approval_id',
    'trace_id',
    'decision_id',
    'kind',
    'since',
    'until',
    'limit',
    'cursor',
    'order',
  ]);
  for (const name of Object.keys(req.query)) if (!known.has(name)) throw invalid(`unknown filter ${name}`);
  const q: EventQuery = {};
  const order = one(req, 'order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalid('order: asc or desc');
  q.order = order;
  q.subject = one(req, 'subject');
  q.connection = one(req, 'connection');
  const decision = one(req, 'decision');
  if (decision !== undefined && decision !== 'allow' && decision !== 'deny')
    throw invalid('decision: allow or deny');
  q.decision = decision;
  const status = one(req, 'status');
  if (status !== undefined) {
    if (!/^[1-5]\d\d$/.test(status)) throw invalid('status: an HTTP status, 100-599');
    q.status = Number(status);
  }
  q.approvalId = one(req, 'approval_id');
  q.traceId = one(req, 'trace_id');
  q.decisionId = one(req, 'decision_id');
  const kind = one(req, 'kind');
  if (kind !== undefined && !(AUDIT_EVENT_KINDS as readonly string[]).includes(kind))
    throw invalid(`kind: one of ${AUDIT_EVENT_KINDS.join(', ')}`);
  q.kind = kind;
  q.since = time(req, 'since');
  q.until = time(req, 'until');
  const limit = one(req, 'limit');
  if (limit !== undefined) {
    if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000)
      throw invalid('limit: 1 to 1000');
    q.limit = Number(limit);
  }
  const cursor = one(req, 'cursor');
  if (cursor !== undefined) q.cursor = decodeCursor(cursor, order);
  for (const key of Object.keys(q) as (keyof EventQuery)[]) if (q[key] === undefined) delete q[key];
  return q;
}

/**
 * `GET /v1/audit/events` (filters, cursor pages, newest first unless
 * `order=asc`; `next_cursor` pages on, `follow_cursor` reads what comes
 * later in ascending order, as `audit tail --follow` does),
 * `GET /v1/audit/events/{id}` and `POST /v1/audit/verify`, for callers of
 * the auditor group only. Errors are `{code, message}`.
 */
export function mountAuditRoutes(app: Express, options: AuditRoutesOptions): void {
  const router = express.Router();
  router.use(options.callerAuth);
  router.use((req, _res, next) => {
    if (!req.caller?.groups.includes(options.auditorGroup)) {
      next(
        new AuditError('audit_forbidden', `reading the audit trail needs the ${options.auditorGroup} group`),
      );
      return;
    }
    next();
  });
  const store = async (): Promise<AuditStore> => {
    const found = await options.store();
    if (!found) throw new AuditError('audit_store_unavailable', 'no postgres audit sink is configured');
    return found;
  };
  router.get('/events', async (req, res) => {
    const query = parseEventQuery(req);
    const page = await (await store()).query(query);
    const order = query.order ?? 'desc';
    // Where to follow on from (ascending): after the newest event seen, or where the caller was.
    const newest = order === 'asc' ? page.events[page.events.length - 1] : page.events[0];
    const follow = newest?.seq ?? (order === 'asc' ? query.cursor : undefined);
    res.json({
      events: page.events.map((e) => e.event),
      next_cursor: page.next === null ? null : encodeCursor(order, page.next),
      follow_cursor: follow === undefined ? null : encodeCursor('asc', follow),
    });
  });
  router.get('/events/:id', async (req, res) => {
    const found = await (await store()).get(String(req.params.id));
    if (!found?.event) throw new AuditError('audit_event_not_found', `no audit event ${req.params.id}`);
    res.json(found.event);
  });
  router.post('/verify', async (_req, res) => {
    res.json(await verifyChain(await store()));
  });
  app.use('/v1/audit', router);
}
