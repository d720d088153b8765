import { v7 as uuidv7 } from 'uuid';
import { isAdmin, mayReview } from './eligibility.js';
import { ApprovalError } from './errors.js';
import { ApprovalStore, type ListFilter, type ReviewOutcome } from './store/store.js';
import type {
  ApprovalRecord,
  Grant,
  NewApproval,
  Review,
  ReviewChannel,
  ReviewDecision,
  Reviewer,
} from './types.js';

export interface ApprovalSettings {
  /** How long an approved one-shot approval may wait for its request. */
  executeWindowSeconds: number;
  /** How long settled records stay readable. */
  retentionDays: number;
  /** Longest reason accepted. */
  maxReasonLength: number;
  /** Members may see, cancel and revoke every approval. @defaultValue [] */
  adminGroups?: readonly string[];
}

/** Approval ids and grant ids: UUIDv7 (sortable by creation), nothing else. */
export const APPROVAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The approval domain's operations, with its rules: a requester never
 * reviews their own request; reviewers are eligible by user or group when
 * they act; one review per person; one deny settles; `min_approvals`
 * distinct approvals approve (and open the grant, if any); an approved
 * one-shot approval executes once, for the request it was given for;
 * expiry is its own state. Every transition is an atomic script of the
 * store that also records its event (see TransitionFeed).
 *
 * The proxy (open, wait, execute, grants), the workers' API and channels
 * (review, cancel, revoke) and the expiry processor all go through here.
 */
export class Approvals {
  readonly store: ApprovalStore;

  constructor(
    store: ApprovalStore,
    private readonly settings: ApprovalSettings,
  ) {
    this.store = store;
  }

  get now(): () => number {
    return this.store.now;
  }

  private checkReason(reason: string, what: string): string {
    if (reason.length > this.settings.maxReasonLength) {
      throw new ApprovalError(
        'reason_too_long',
        `${what} is ${reason.length} characters; at most ${this.settings.maxReasonLength} are accepted`,
      );
    }
    return reason;
  }

  /** Opens a pending approval for a request the policy wants a human to see. */
  async request(input: NewApproval): Promise<ApprovalRecord> {
    this.checkReason(input.caller_reason, 'the reason');
    const id = uuidv7();
    await this.store.create({
      ...input,
      id,
      status: 'pending',
      expires_at: this.now() + input.requirement.ttl_seconds * 1000,
      break_glass_reason: null,
    });
    return (await this.store.get(id))!;
  }

  /**
   * Records a break-glass pass: the request goes through now (the record is
   * `executed` at once) and its reviewers review it afterwards.
   */
  async breakGlass(input: NewApproval, reason: string): Promise<ApprovalRecord> {
    this.checkReason(reason, 'the break-glass reason');
    this.checkReason(input.caller_reason, 'the reason');
    const id = uuidv7();
    await this.store.create({
      ...input,
      id,
      status: 'executed',
      // The after-the-fact review has as long as the approval would have had.
      expires_at: this.now() + input.requirement.ttl_seconds * 1000,
      break_glass_reason: reason,
    });
    return (await this.store.get(id))!;
  }

  async get(id: string): Promise<ApprovalRecord | undefined> {
    if (!APPROVAL_ID.test(id)) return undefined;
    return this.store.get(id);
  }

  async require(id: string): Promise<ApprovalRecord> {
    const record = await this.get(id);
    if (!record)
      throw new ApprovalError('approval_not_found', `no approval ${JSON.stringify(id.slice(0, 64))}`);
    return record;
  }

  list(filter: ListFilter): ReturnType<ApprovalStore['list']> {
    return this.store.list(filter);
  }

  /**
   * One reviewer approves or denies. Eligibility is judged now, with the
   * reviewer's current groups.
   */
  async review(
    id: string,
    reviewer: Reviewer,
    decision: ReviewDecision,
    reason: string,
    via: ReviewChannel,
    /** The record as just read by the caller: who may review never changes, the script checks the rest. */
    known?: ApprovalRecord,
  ): Promise<{ record: ApprovalRecord; outcome: ReviewOutcome }> {
    this.checkReason(reason, 'the reason');
    const record = known?.id === id ? known : await this.require(id);
    const eligible = mayReview(record, reviewer);
    if (eligible === 'self') throw new ApprovalError('self_approval');
    if (eligible === 'not_reviewer') throw new ApprovalError('not_eligible');
    const review: Review = {
      sub: reviewer.sub,
      decision,
      reason,
      at: this.now(),
      via,
      groups: reviewer.groups,
    };
    const outcome = await this.store.review(record, review, {
      grantId: uuidv7(),
      executeWindowMs: this.settings.executeWindowSeconds * 1000,
    });
    return { record: (await this.store.get(id))!, outcome };
  }

  /** The requester withdraws their pending approval (admins may too). */
  async cancel(
    id: string,
    actor: Reviewer,
    reason: string,
    via: ReviewChannel | 'proxy',
  ): Promise<ApprovalRecord> {
    this.checkReason(reason, 'the reason');
    const record = await this.require(id);
    if (record.requester.sub !== actor.sub && !isAdmin(actor, this.settings.adminGroups ?? [])) {
      throw new ApprovalError('not_allowed', 'only the requester (or an admin) may cancel an approval');
    }
    await this.store.cancel(id, actor.sub, via, reason);
    return (await this.store.get(id))!;
  }

  /**
   * Revokes an approval (by its id or its grant's id) and its grant: the
   * requester, its reviewers and admins may.
   */
  async revoke(id: string, actor: Reviewer, reason: string, via: ReviewChannel): Promise<ApprovalRecord> {
    this.checkReason(reason, 'the reason');
    let record = await this.get(id);
    if (!record && APPROVAL_ID.test(id)) {
      const grant = await this.store.grant(id);
      if (grant) record = await this.store.get(grant.approval_id);
    }
    if (!record)
      throw new ApprovalError(
        'approval_not_found',
        `no approval or grant ${JSON.stringify(id.slice(0, 64))}`,
      );
    const allowed =
      record.requester.sub === actor.sub ||
      isAdmin(actor, this.settings.adminGroups ?? []) ||
      mayReview(record, actor) === 'eligible';
    if (!allowed)
      throw new ApprovalError('not_allowed', 'only the requester, its reviewers or an admin may revoke');
    await this.store.revoke(record, actor.sub, via, reason);
    return (await this.store.get(record.id))!;
  }

  /** The proxy runs the request an approval was given for: once, and only that request. */
  execute(id: string, subject: string, digest: string): Promise<void> {
    return this.store.execute(id, subject, digest);
  }

  /**
   * An admin expires the approvals pending for longer than `olderThanMs`
   * (stale ones nobody will review): each becomes expired now, with the
   * admin as actor and their reason. Returns the ids expired.
   */
  async expireStale(actor: Reviewer, olderThanMs: number, reason: string): Promise<string[]> {
    this.checkReason(reason, 'the reason');
    if (!isAdmin(actor, this.settings.adminGroups ?? []))
      throw new ApprovalError('not_allowed', 'only an admin may expire stale approvals');
    const before = this.now() - olderThanMs;
    const expired: string[] = [];
    // The index is by creation time: start the scan at the cutoff.
    let cursor: number | undefined = before + 1;
    do {
      const page = await this.store.list({ status: 'pending', before: cursor, limit: 200 });
      for (const record of page.items) {
        if (record.created_at > before) continue;
        if ((await this.store.expire(record.id, { actor: actor.sub, via: 'api', reason })) === true)
          expired.push(record.id);
      }
      cursor = page.next ?? undefined;
    } while (cursor !== undefined);
    return expired;
  }

  /** The expiry timer of an approval fired. */
  expire(id: string): ReturnType<ApprovalStore['expire']> {
    return this.store.expire(id);
  }

  async expireGrant(id: string): Promise<true | false | { due: number }> {
    const grant = await this.store.grant(id);
    return grant ? this.store.expireGrant(grant) : false;
  }

  activeGrants(connection: string, subject: string): Promise<Grant[]> {
    return this.store.activeGrants(connection, subject);
  }

  /** Counts one use of a grant with a use limit; null: no limit. */
  useGrant(grant: Grant): Promise<number | null> {
    return this.store.useGrant(grant);
  }

  grant(id: string): Promise<Grant | undefined> {
    return APPROVAL_ID.test(id) ? this.store.grant(id) : Promise.resolve(undefined);
  }
}
