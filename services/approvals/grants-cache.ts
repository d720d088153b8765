import type { ApprovalChanges } from './changes.js';
import type { Grant } from './types.js';

interface Entry {
  grants: Grant[];
  until: number;
}

export interface GrantsCacheOptions {
  /** Longest an answer is reused; a change notice drops it sooner. At most 1000. @defaultValue 1000 */
  ttlMs?: number;
  /** @defaultValue Date.now */
  now?: () => number;
}

/**
 * The proxy's cache of each caller's active grants on a connection, so the
 * request path asks Redis at most once a second per caller and connection.
 * A grant notice (created, used up, revoked, expired) drops the entry at
 * once, on every proxy; while notices cannot arrive (subscriber down) the
 * cache is bypassed, so a revocation is seen by the next request either
 * way. Expired grants are filtered on every read.
 */
export class GrantsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Grant[]>>();
  /** Bumped per key on every notice: a lookup begun before a change is not cached after it. */
  private readonly generations = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly fetch: (connection: string, subject: string) => Promise<Grant[]>,
    private readonly changes: ApprovalChanges | undefined,
    options: GrantsCacheOptions = {},
  ) {
    this.ttlMs = Math.min(options.ttlMs ?? 1000, 1000);
    this.now = options.now ?? Date.now;
    changes?.onGrantChange((connection, subject) => this.invalidate(connection, subject));
    changes?.onResubscribe(() => this.clear());
  }

  async lookup(connection: string, subject: string): Promise<Grant[]> {
    const key = `${connection}\u0000${subject}`;
    const now = this.now();
    const trusted = this.ttlMs > 0 && (this.changes === undefined || this.changes.live);
    const entry = trusted ? this.entries.get(key) : undefined;
    if (entry && entry.until > now) return live(entry.grants, now);
    let pending = this.inflight.get(key);
    if (!pending) {
      const generation = this.generations.get(key) ?? 0;
      pending = this.fetch(connection, subject).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
      pending.then(
        (grants) => {
          if (trusted && (this.generations.get(key) ?? 0) === generation) {
            if (this.entries.size > 10_000) this.entries.clear();
            this.entries.set(key, { grants, until: this.now() + this.ttlMs });
          }
        },
        () => undefined,
      );
    }
    return live(await pending, this.now());
  }

  invalidate(connection: string, subject: string): void {
    const key = `${connection}\u0000${subject}`;
    this.entries.delete(key);
    this.inflight.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    if (this.generations.size > 10_000) this.generations.clear();
  }

  clear(): void {
    this.entries.clear();
    this.inflight.clear();
    this.generations.clear();
  }
}

function live(grants: Grant[], now: number): Grant[] {
  for (const grant of grants) if (grant.expires_at <= now) return grants.filter((g) => g.expires_at > now);
  return grants;
}
