import { taggedRoot } from '../common/redis.js';

/**
 * The audit transport's Redis layout; the only module that names audit
 * keys. One stream holds every event (field `e`: the event's JSON text);
 * each sink reads it through a consumer group of its own (its cursor),
 * acknowledges what it delivered, and the workers trim the stream below
 * the oldest entry some sink still needs (docs/AUDIT.md).
 */
export interface AuditStreamKeys {
  /** The events stream. */
  events: string;
  /** Consumer group of a sink. */
  group(sink: string): string;
  /** Dead-lettered events of a sink (a capped stream). */
  deadLetter(sink: string): string;
  /** Counters of a sink shared by every worker process (a hash). */
  sinkStats(sink: string): string;
  /** State of a sink every worker respects: `stopped` with a reason (a hash). */
  sinkState(sink: string): string;
  /** Held for one trim interval by the worker that trims. */
  trimLock: string;
}

/** The field holding the event text in each stream entry. */
export const EVENT_FIELD = 'e';

export function auditStreamKeys(prefix: string): AuditStreamKeys {
  // One hash tag: in a Redis Cluster every audit key shares a slot (pipelines span several).
  const root = taggedRoot(prefix, 'audit');
  return {
    events: `${root}:events`,
    group: (sink) => `sink:${sink}`,
    deadLetter: (sink) => `${root}:dead:${sink}`,
    sinkStats: (sink) => `${root}:sink:${sink}:stats`,
    sinkState: (sink) => `${root}:sink:${sink}:state`,
    trimLock: `${root}:trim:lock`,
  };
}

/** The sink name of a consumer group, or undefined for a group that is not a sink's. */
export function sinkOfGroup(group: string): string | undefined {
  return group.startsWith('sink:') ? group.slice(5) : undefined;
}

/** The smallest stream id greater than `id` (`ms-seq`). */
export function nextStreamId(id: string): string {
  const dash = id.indexOf('-');
  const ms = id.slice(0, dash);
  const seq = BigInt(id.slice(dash + 1));
  return `${ms}-${seq + 1n}`;
}

/** Compares two stream ids. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  if (as !== bs) return as < bs ? -1 : 1;
  return 0;
}
