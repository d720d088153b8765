import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ApprovalStoreConfig } from '../../approvals/config.js';
import { openApprovals, type OpenedApprovals } from '../../approvals/connect.js';
import { requestDigest } from '../../approvals/digest.js';
import { ApprovalError } from '../../approvals/errors.js';
import { GrantsCache } from '../../approvals/grants-cache.js';
import type { ApprovalRecord, ApprovalStatus, Grant, NewApproval } from '../../approvals/types.js';
import { approvalUrl } from '../../approvals/view.js';
import type { ConnectionConfig } from '../config.js';
import type { Decision } from '../decision/document.js';
import type { DecisionInput } from '../decision/input.js';
import { ProxyError, type ProxyErrorCode } from '../errors.js';
import type { Identity } from '../identity/identity.js';
import { callerApprovalHeaders, type CallerApprovalHeaders } from './caller-headers.js';
import { requestView } from './snapshot.js';

/** The request facts approvals need. */
export interface ApprovalFacts {
  identity: Identity;
  connection: ConnectionConfig;
  method: string;
  /** The normalised path the policy sees. */
  path: string;
  query: Record<string, string[]>;
  body: Buffer;
  headers: IncomingHttpHeaders;
}

/** What prepare() found, for the decision input and for enforce(). */
export interface ApprovalContext {
  facts: ApprovalFacts;
  caller: CallerApprovalHeaders | undefined;
  /** The approval named by `Portcullis-Approval`, checked to be this caller's, for this request. */
  carried: ApprovalRecord | null;
  grants: Grant[];
  digest: string | undefined;
  /**
   * Where a pending approval is answered instead of the 202 answer: an MCP
   * message answers it inside its JSON-RPC reply (services/proxy/mcp/).
   */
  onPending?: (record: ApprovalRecord, url: string) => void;
}

/** Where enforce() leaves the request: forward it, or it has been answered. */
export type ApprovalVerdict = 'forward' | 'answered';

const REFUSED_BY_STATUS: Partial<Record<ApprovalStatus, ProxyErrorCode>> = {
  denied: 'approval_denied',
  expired: 'approval_expired',
  cancelled: 'approval_cancelled',
  revoked: 'approval_revoked',
  executed: 'approval_used',
};

const NO_GRANTS: Grant[] = [];
/** At most one warning per this long while grant lookups fail. */
const WARN_EVERY_MS = 10_000;

/**
 * The proxy's side of approvals (docs/APPROVALS.md): reads the caller's
 * approval headers and active grants before the decision, then enforces the
 * decision's `require_approval` and `grant_id`: resumes a carried approval
 * (once, for the request it was given for), lets a break-glass request
 * through, or opens an approval and holds the request or answers 202.
 * Without a configured store, an approval-requiring request is refused with
 * 403 approval_required. Store failures fail closed (503
 * approval_unavailable) for requests that need approval; others go on with
 * no grants.
 */
export class ApprovalGate {
  private readonly opened: OpenedApprovals | undefined;
  private readonly cache: GrantsCache | undefined;
  private lastWarning = 0;

  constructor(
    private readonly config: ApprovalStoreConfig | undefined,
    private readonly logger: Logger,
  ) {
    if (!config) return;
    this.opened = openApprovals({
      redisUrl: config.redisUrl,
      prefix: config.prefix,
      settings: config,
      failFast: true,
      commandTimeoutMs: config.commandTimeoutMs,
      subscribe: true,
      onError: (err) => this.warn('approvals redis error', err),
    });
    const { approvals, changes } = this.opened;
    this.cache = new GrantsCache((c, s) => approvals.activeGrants(c, s), changes, {
      ttlMs: config.grantCacheMs,
    });
  }

  private warn(message: string, err: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn({ err: (err as Error)?.message ?? String(err) }, message);
  }

  /** Waits (bounded) for the store's first connection, so the first requests do not fail for nothing. */
  async ready(): Promise<void> {
    await this.opened?.ready(2000);
  }

  async prepare(facts: ApprovalFacts): Promise<ApprovalContext> {
    if (!this.opened)
      return { facts, caller: undefined, carried: null, grants: NO_GRANTS, digest: undefined };
    const caller = callerApprovalHeaders(facts.headers, this.config!.maxReasonLength);
    const context: ApprovalContext = { facts, caller, carried: null, grants: NO_GRANTS, digest: undefined };
    if (caller.approvalId !== undefined) context.carried = await this.carried(context, caller.approvalId);
    try {
      context.grants = await this.cache!.lookup(facts.connection.name, facts.identity.sub);
    } catch (err) {
      // No grants is the safe side: a request a grant would have allowed now needs approval, and fails closed.
      this.warn('grant lookup failed; deciding without grants', err);
    }
    return context;
  }

  private digest(context: ApprovalContext): string {
    const { facts } = context;
    context.digest ??= requestDigest({
      connection: facts.connection.name,
      subject: facts.identity.sub,
      method: facts.method,
      path: facts.path,
      query: facts.query,
      body: facts.body,
    });
    return context.digest;
  }

  private async carried(context: ApprovalContext, id: string): Promise<ApprovalRecord> {
    const record = await this.store(() => this.opened!.approvals.get(id));
    const extra = { approval_id: id };
    if (!record) throw new ProxyError('approval_not_found', undefined, { extra });
    const { facts } = context;
    if (
      record.connection !== facts.connection.name ||
      record.requester.sub !== facts.identity.sub ||
      record.digest !== this.digest(context)
    ) {
      throw new ProxyError('approval_mismatch', undefined, { extra });
    }
    if (record.status === 'executed') throw new ProxyError('approval_used', undefined, { extra });
    return record;
  }

  /** Runs a store call; an outage becomes 503 approval_unavailable. */
  private async store<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw this.translate(err, undefined);
    }
  }

  private translate(err: unknown, id: string | undefined): unknown {
    if (!(err instanceof ApprovalError)) return err;
    const extra = id ? { approval_id: id } : {};
    switch (err.code) {
      case 'approval_store_unavailable':
        return new ProxyError('approval_unavailable', undefined, { cause: err });
      case 'approval_used':
      case 'approval_mismatch':
      case 'approval_expired':
      case 'approval_not_found':
        return new ProxyError(err.code, undefined, { extra });
      case 'approval_not_approved': {
        const status = (err.details as { status?: ApprovalStatus } | undefined)?.status;
        return new ProxyError((status && REFUSED_BY_STATUS[status]) || 'approval_required', undefined, {
          extra,
        });
      }
      case 'grant_inactive':
      case 'grant_not_found':
        return new ProxyError('grant_unavailable', undefined, { cause: err });
      case 'reason_too_long':
        return new ProxyError('reason_too_long', err.message);
      default:
        return err;
    }
  }

  /**
   * After an allowing decision: counts the grant it relies on, or handles
   * its approval requirement. 'answered' means the caller has its answer
   * (202) or has gone away.
   */
  async enforce(
    context: ApprovalContext,
    decision: Decision,
    input: DecisionInput,
    res: ServerResponse,
    decisionId: string,
  ): Promise<ApprovalVerdict> {
    const requirement = decision.require_approval;
    // A request that brings its approved approval runs on it (once), not on a grant the approval opened.
    if (context.carried?.status === 'approved') return this.resume(context, context.carried, res);
    if (!requirement) {
      if (decision.grant_id) await this.useGrant(context, decision.grant_id);
      return 'forward';
    }
    if (!this.opened) {
      throw new ProxyError('approval_required', undefined, {
        reasons: [...decision.reasons, ...(requirement.reason ? [requirement.reason] : [])],
      });
    }
    const caller = context.caller!;
    const carried = context.carried;
    if (carried) return this.resume(context, carried, res);
    if (caller.breakGlass !== undefined) {
      if (!requirement.break_glass) throw new ProxyError('break_glass_refused');
      const record = await this.open(context, decision, input, decisionId, caller.breakGlass);
      res.setHeader('X-Portcullis-Approval-Id', record.id);
      res.setHeader('X-Portcullis-Break-Glass', 'recorded');
      return 'forward';
    }
    if (requirement.reason_required && caller.reason === '') throw new ProxyError('reason_required');
    const record = await this.open(context, decision, input, decisionId, undefined);
    if (context.facts.connection.approval.mode === 'async') return this.pending(context, res, record);
    return this.hold(context, record, res);
  }

  private async useGrant(context: ApprovalContext, grantId: string): Promise<void> {
    const grant = context.grants.find((g) => g.id === grantId);
    if (!grant)
      throw new ProxyError(
        'decision_invalid',
        `the decision names grant ${grantId}, which is not in input.grants`,
      );
    if (grant.uses_left === null) return;
    try {
      await this.opened!.approvals.useGrant(grant);
    } catch (err) {
      throw this.translate(err, undefined);
    }
  }

  private async open(
    context: ApprovalContext,
    decision: Decision,
    input: DecisionInput,
    decisionId: string,
    breakGlass: string | undefined,
  ): Promise<ApprovalRecord> {
    const { facts } = context;
    const requirement = decision.require_approval!;
    const reasons = [...new Set([...decision.reasons, requirement.reason].filter((r) => r !== ''))];
    const approval: NewApproval = {
      requester: {
        sub: facts.identity.sub,
        email: facts.identity.email,
        groups: facts.identity.groups,
        type: facts.identity.type,
      },
      connection: facts.connection.name,
      digest: this.digest(context),
      requirement,
      policy_reasons: reasons,
      caller_reason: context.caller!.reason,
      request: requestView(input, facts.body, decision),
      decision_id: decisionId,
      mode: facts.connection.approval.mode,
    };
    const { approvals } = this.opened!;
    return this.store(() =>
      breakGlass === undefined ? approvals.request(approval) : approvals.breakGlass(approval, breakGlass),
    );
  }

  /** A request that carries its approval: go on if approved (once), else say where it stands. */
  private async resume(
    context: ApprovalContext,
    record: ApprovalRecord,
    res: ServerResponse,
  ): Promise<ApprovalVerdict> {
    if (record.status === 'approved') {
      await this.execute(context, record);
      res.setHeader('X-Portcullis-Approval-Id', record.id);
      return 'forward';
    }
    if (record.status === 'pending') {
      if (context.facts.connection.approval.mode === 'async') return this.pending(context, res, record);
      return this.hold(context, record, res);
    }
    throw this.refusal(record);
  }

  private async execute(context: ApprovalContext, record: ApprovalRecord): Promise<void> {
    try {
      await this.opened!.approvals.execute(record.id, context.facts.identity.sub, this.digest(context));
    } catch (err) {
      throw this.translate(err, record.id);
    }
  }

  /** The answer for a settled approval that does not let the request through. */
  private refusal(record: ApprovalRecord): ProxyError {
    const code = REFUSED_BY_STATUS[record.status] ?? 'approval_required';
    const reasons = record.outcome_reason ? [record.outcome_reason] : [];
    const extra: Record<string, unknown> = { approval_id: record.id };
    if (record.settled_by && record.status !== 'expired') extra.settled_by = record.settled_by;
    return new ProxyError(code, undefined, { reasons, extra });
  }

  /**
   * Holds the request until the approval settles or holdSeconds pass (then
   * 202 as in async mode). Wakes on the store's change notice, from
   * whichever process settled it. A caller that goes away cancels its
   * approval: nobody is left to forward the request to.
   */
  private async hold(
    context: ApprovalContext,
    record: ApprovalRecord,
    res: ServerResponse,
  ): Promise<ApprovalVerdict> {
    const { changes } = this.opened!;
    const holdMs = context.facts.connection.approval.holdSeconds * 1000;
    const gone = new AbortController();
    const onClose = () => {
      if (!res.writableEnded) gone.abort();
    };
    res.on('close', onClose);
    let outcome;
    try {
      outcome = await changes!.waitForSettlement(
        record.id,
        Math.min(holdMs, record.expires_at - Date.now()),
        gone.signal,
      );
    } finally {
      res.off('close', onClose);
    }
    if (outcome === 'aborted') {
      await this.opened!.approvals.cancel(
        record.id,
        { sub: record.requester.sub, email: null, groups: [] },
        'the caller went away while the request was held',
        'proxy',
      ).catch(() => undefined);
      return 'answered';
    }
    if (outcome === 'timeout' || outcome === 'pending') {
      const latest = await this.store(() => this.opened!.approvals.get(record.id));
      if (latest?.status === 'pending' && latest.expires_at <= Date.now())
        throw new ProxyError('approval_expired', undefined, { extra: { approval_id: record.id } });
      if (!latest || latest.status === 'pending') return this.pending(context, res, latest ?? record);
      return this.resume(context, latest, res);
    }
    // Approved: run it now (the script checks it still is); anything else is answered from the record.
    if (outcome === 'approved') return this.resume(context, { ...record, status: 'approved' }, res);
    const latest = await this.store(() => this.opened!.approvals.get(record.id));
    return this.resume(context, latest ?? { ...record, status: outcome }, res);
  }

  /** 202 approval_pending: where to look, and when to try again with `Portcullis-Approval`. */
  private pending(context: ApprovalContext, res: ServerResponse, record: ApprovalRecord): ApprovalVerdict {
    const url = approvalUrl(record.id, this.config!.publicUrl);
    if (context.onPending) {
      context.onPending(record, url);
      return 'answered';
    }
    const remaining = Math.max(1, Math.ceil((record.expires_at - Date.now()) / 1000));
    const body = JSON.stringify({
      code: 'approval_pending',
      message: 'a reviewer must approve this request; send it again with Portcullis-Approval once approved',
      approval_id: record.id,
      status: record.status,
      url,
      expires_at: new Date(record.expires_at).toISOString(),
    });
    res.statusCode = 202;
    res.setHeader('Location', url);
    res.setHeader('Retry-After', String(Math.min(30, remaining)));
    res.setHeader('X-Portcullis-Approval-Id', record.id);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
    return 'answered';
  }

  async close(): Promise<void> {
    await this.opened?.close();
  }
}
