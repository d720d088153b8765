import type { RedisClient } from '../../common/redis.js';
import type { AuditLogger } from '../producer.js';
import { compareStreamIds, nextStreamId, sinkOfGroup, type AuditStreamKeys } from '../stream.js';

/** A sink group as Redis reports it (XINFO GROUPS). */
export interface GroupInfo {
  sink: string;
  /** Delivered to a consumer, not acknowledged yet. */
  pending: number;
  /** Not delivered to any consumer yet (null when Redis cannot tell). */
  lag: number | null;
  lastDeliveredId: string;
}

export interface StreamInfo {
  length: number;
  groups: Map<string, GroupInfo>;
  /** Entries removed because every sink had acknowledged them (this process, since start). */
  trimmed: number;
  /** Entries removed past `maxLength` before some sink had them (this process, since start). */
  overflowed: number;
  at?: string;
}

export interface StreamTrimmerOptions {
  redis: RedisClient;
  keys: AuditStreamKeys;
  /** The sinks whose cursors hold the stream; groups of other names are ignored. */
  sinks: string[];
  maxLength: number;
  logger: AuditLogger;
  /** Called with the events a sink lost to the `maxLength` cap. */
  onDropped: (sink: string, n: number) => Promise<void>;
}

function field(list: unknown[], name: string): unknown {
  const at = list.indexOf(name);
  return at >= 0 ? list[at + 1] : undefined;
}

/**
 * Keeps the stream bounded: removes entries every sink has acknowledged
 * (XTRIM MINID at the oldest entry some sink still holds or has not read),
 * and past `maxLength` the oldest entries whatever the sinks' state,
 * counting for each sink the entries it lost. Every worker runs it (the
 * exporter's tick); the commands are idempotent. Also reads the group
 * figures `/health` shows.
 */
export class StreamTrimmer {
  private latest: StreamInfo = { length: 0, groups: new Map(), trimmed: 0, overflowed: 0 };

  constructor(private readonly options: StreamTrimmerOptions) {}

  info(): StreamInfo {
    return this.latest;
  }

  /** The groups and the stream's length read in one transaction, so they describe the same stream. */
  private async snapshot(): Promise<{ groups: Map<string, GroupInfo>; length: number }> {
    const { redis, keys } = this.options;
    const [[groupsErr, raw], [, length]] = (await redis
      .multi()
      .xinfo('GROUPS', keys.events)
      .xlen(keys.events)
      .exec())! as [[Error | null, unknown[][]], [Error | null, number]];
    if (groupsErr && !String(groupsErr.message).includes('no such key')) throw groupsErr;
    const groups = new Map<string, GroupInfo>();
    for (const entry of groupsErr ? [] : raw) {
      const sink = sinkOfGroup(String(field(entry, 'name')));
      if (sink === undefined || !this.options.sinks.includes(sink)) continue;
      const lag = field(entry, 'lag');
      groups.set(sink, {
        sink,
        pending: Number(field(entry, 'pending')),
        lag: lag === null || lag === undefined ? null : Number(lag),
        lastDeliveredId: String(field(entry, 'last-delivered-id')),
      });
    }
    return { groups, length: Number(length) };
  }

  /**
   * One pass: read the groups, then (when this worker holds the trim lock
   * for this interval, so two workers never count one loss twice) trim what
   * all acknowledged and enforce the cap.
   */
  async trim(lockMs: number, owner: string): Promise<StreamInfo> {
    const { redis, keys } = this.options;
    let { groups, length } = await this.snapshot();
    let trimmed = 0;
    let overflowed = 0;
    const mine = (await redis.set(keys.trimLock, owner, 'PX', lockMs, 'NX')) === 'OK';
    if (!mine) {
      this.latest = { ...this.latest, length, groups, at: new Date().toISOString() };
      return this.latest;
    }
    // Until every sink has its group, nothing is known to be delivered everywhere.
    if (groups.size === this.options.sinks.length && groups.size > 0) {
      let floor: string | undefined;
      for (const group of groups.values()) {
        let held = nextStreamId(group.lastDeliveredId);
        if (group.pending > 0) {
          const summary = (await redis.xpending(keys.events, keys.group(group.sink))) as [
            number,
            string | null,
          ];
          if (summary[1]) held = summary[1];
        }
        if (floor === undefined || compareStreamIds(held, floor) < 0) floor = held;
      }
      if (floor) trimmed = Number(await redis.xtrim(keys.events, 'MINID', floor));
    }
    ({ groups, length } = await this.snapshot());
    if (length > this.options.maxLength) {
      overflowed = Number(await redis.xtrim(keys.events, 'MAXLEN', this.options.maxLength));
      // What each sink still needed of the snapshot: its unread entries and its unacknowledged
      // ones, the newest; entries added since are newer still, so the trim took the oldest first.
      const losses = [...groups.values()].map((g) => {
        const needed = g.lag === null ? length : Math.min(length, g.lag + g.pending);
        return { sink: g.sink, lost: Math.max(0, overflowed - (length - needed)) };
      });
      length = Number(await redis.xlen(keys.events));
      for (const { sink, lost } of losses) {
        if (lost === 0) continue;
        await this.options.onDropped(sink, Math.min(lost, overflowed));
        this.options.logger.error(
          { sink, dropped: Math.min(lost, overflowed), max_length: this.options.maxLength },
          'audit stream full: events trimmed before this sink delivered them',
        );
      }
    }
    this.latest = {
      length,
      groups,
      trimmed: this.latest.trimmed + trimmed,
      overflowed: this.latest.overflowed + overflowed,
      at: new Date().toISOString(),
    };
    return this.latest;
  }
}
