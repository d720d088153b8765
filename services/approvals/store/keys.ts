import { taggedRoot } from '../../common/redis.js';

/**
 * Every Redis key and channel of the approval domain, under
 * `<prefix>:{approvals}`: one hash tag, so in a Redis Cluster all of them
 * share a slot and each transition's Lua script may touch several. Only the
 * store (and the waiter, for the channel) use these names.
 */
export class ApprovalKeys {
  readonly base: string;

  constructor(prefix: string) {
    this.base = taggedRoot(prefix, 'approvals');
  }

  /** Hash: one approval's fields. */
  approval(id: string): string {
    return `${this.base}:a:${id}`;
  }

  /** Hash: reviewer subject → review JSON. */
  reviews(id: string): string {
    return `${this.base}:a:${id}:reviews`;
  }

  /** Hash: notification target → what was delivered there (e.g. a Slack message's channel and ts). */
  notified(id: string): string {
    return `${this.base}:a:${id}:notified`;
  }

  /** Sorted set: pending approval id → expires_at. */
  get pending(): string {
    return `${this.base}:pending`;
  }

  /** Sorted set: approval id → created_at, for listing. */
  get index(): string {
    return `${this.base}:index`;
  }

  /** Hash: one grant's fields. */
  grant(id: string): string {
    return `${this.base}:g:${id}`;
  }

  /** Sorted set: active grant id → expires_at, of one subject on one connection. */
  subjectGrants(connection: string, subject: string): string {
    return `${this.base}:grants:${connection}:${encodeURIComponent(subject)}`;
  }

  /** Sorted set: every active grant id → expires_at. */
  get grants(): string {
    return `${this.base}:grants`;
  }

  /** Stream: every transition, appended by the script that made it. */
  get events(): string {
    return `${this.base}:events`;
  }

  /** Pub/sub channel: a short notice per transition (held requests and grant caches wake on it). */
  get changes(): string {
    return `${this.base}:changes`;
  }

  /** String with a TTL: marks a one-time token (Slack signature, email link) as used. */
  once(namespace: string, key: string): string {
    return `${this.base}:once:${namespace}:${key}`;
  }
}
