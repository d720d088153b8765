import express, { type Express, type Request } from 'express';
import { Approvals } from '../../approvals/approvals.js';
import { maySee } from '../../approvals/eligibility.js';
import { ApprovalError } from '../../approvals/errors.js';
import { APPROVAL_STATUSES, type ApprovalStatus, type Reviewer } from '../../approvals/types.js';
import { approvalView, canReview, grantView } from '../../approvals/view.js';

export interface ApprovalRoutesOptions {
  approvals: Approvals;
  /** Members may see, cancel and revoke every approval. */
  adminGroups: readonly string[];
  /** Base URL shown in `url` fields. */
  publicUrl?: string;
}

function viewerOf(req: Request): Reviewer {
  // createCallerAuth runs first on these routes, so a caller is always set.
  const caller = req.caller!;
  return { sub: caller.sub, email: caller.email, groups: caller.groups };
}

function reasonOf(req: Request): string {
  const body: unknown = req.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApprovalError('invalid_request', 'the body must be a JSON object');
  const { reason = '' } = body as { reason?: unknown };
  if (typeof reason !== 'string') throw new ApprovalError('invalid_request', 'reason must be a string');
  return reason;
}

function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ApprovalError('invalid_request', `${name}: give it once`);
  return value;
}

/**
 * `/v1/approvals` and `/v1/grants` on the workers' API. Mount behind
 * createCallerAuth. What a caller sees: approvals they asked for, may
 * review, or all of them for admins; others answer 404 as unknown ids do.
 */
export function mountApprovalRoutes(app: Express, options: ApprovalRoutesOptions): void {
  const { approvals, adminGroups, publicUrl } = options;
  const json = express.json({ limit: '16kb' });

  const visible = async (req: Request) => {
    const viewer = viewerOf(req);
    const record = await approvals.get(String(req.params.id));
    if (!record || !maySee(record, viewer, adminGroups)) throw new ApprovalError('approval_not_found');
    return { record, viewer };
  };

  app.get('/v1/approvals', async (req, res) => {
    const viewer = viewerOf(req);
    const status = queryText(req, 'status');
    if (status !== undefined && !APPROVAL_STATUSES.includes(status as ApprovalStatus))
      throw new ApprovalError('invalid_request', `status: one of ${APPROVAL_STATUSES.join(', ')}`);
    const limit = Number(queryText(req, 'limit') ?? 50);
    const cursor = queryText(req, 'cursor');
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      throw new ApprovalError('invalid_request', 'limit: an integer from 1 to 200');
    if (cursor !== undefined && !/^\d{1,16}$/.test(cursor))
      throw new ApprovalError('invalid_request', 'cursor: the next_cursor of the previous page');
    const reviewable = queryText(req, 'reviewable') === 'true';
    const page = await approvals.list({
      status: status as ApprovalStatus | undefined,
      connection: queryText(req, 'connection'),
      requester: queryText(req, 'requester'),
      before: cursor === undefined ? undefined : Number(cursor),
      limit,
      where: (record) => maySee(record, viewer, adminGroups) && (!reviewable || canReview(record, viewer)),
    });
    res.json({
      items: page.items.map((record) => approvalView(record, { viewer, publicUrl })),
      next_cursor: page.next === null ? null : String(page.next),
    });
  });

  app.get('/v1/approvals/:id', async (req, res) => {
    const { record, viewer } = await visible(req);
    res.json(approvalView(record, { viewer, publicUrl }));
  });

  for (const decision of ['approve', 'deny'] as const) {
    app.post(`/v1/approvals/:id/${decision}`, json, async (req, res) => {
      const reason = reasonOf(req);
      const { viewer, record: seen } = await visible(req);
      const { record, outcome } = await approvals.review(seen.id, viewer, decision, reason, 'api', seen);
      res.json({ outcome: outcome.kind, approval: approvalView(record, { viewer, publicUrl }) });
    });
  }

  // Admins expire stale approvals: every one pending for longer than `older_than_seconds`.
  app.post('/v1/approvals/expire', json, async (req, res) => {
    const reason = reasonOf(req);
    const { older_than_seconds: olderThan } = req.body as { older_than_seconds?: unknown };
    if (typeof olderThan !== 'number' || !Number.isInteger(olderThan) || olderThan < 0)
      throw new ApprovalError('invalid_request', 'older_than_seconds: a whole number of seconds, 0 or more');
    const expired = await approvals.expireStale(viewerOf(req), olderThan * 1000, reason);
    res.json({ expired });
  });

  app.post('/v1/approvals/:id/cancel', json, async (req, res) => {
    const reason = reasonOf(req);
    const { viewer } = await visible(req);
    const record = await approvals.cancel(String(req.params.id), viewer, reason, 'api');
    res.json({ approval: approvalView(record, { viewer, publicUrl }) });
  });

  app.post('/v1/approvals/:id/revoke', json, async (req, res) => {
    const reason = reasonOf(req);
    const { viewer } = await visible(req);
    const record = await approvals.revoke(String(req.params.id), viewer, reason, 'api');
    res.json({ approval: approvalView(record, { viewer, publicUrl }) });
  });

  // A grant is shown to whoever may see the approval that opened it.
  app.get('/v1/grants', async (req, res) => {
    const viewer = viewerOf(req);
    const connection = queryText(req, 'connection');
    const subject = queryText(req, 'subject');
    const grants = (await approvals.store.allActiveGrants()).filter(
      (g) =>
        (subject === undefined || g.subject === subject) &&
        (connection === undefined || g.connection === connection),
    );
    const seen = new Map(
      (await approvals.store.getMany([...new Set(grants.map((g) => g.approval_id))])).map((r) => [r.id, r]),
    );
    const visibleGrants = grants.filter((g) => {
      const record = seen.get(g.approval_id);
      return record !== undefined && maySee(record, viewer, adminGroups);
    });
    res.json({ items: visibleGrants.map(grantView) });
  });

  app.post('/v1/grants/:id/revoke', json, async (req, res) => {
    const reason = reasonOf(req);
    const viewer = viewerOf(req);
    const grant = await approvals.grant(String(req.params.id));
    if (!grant) throw new ApprovalError('grant_not_found');
    const record = await approvals.get(grant.approval_id);
    if (!record || !maySee(record, viewer, adminGroups)) throw new ApprovalError('grant_not_found');
    const revoked = await approvals.revoke(grant.id, viewer, reason, 'api');
    res.json({ approval: approvalView(revoked, { viewer, publicUrl }) });
  });
}
