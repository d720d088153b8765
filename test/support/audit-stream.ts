import { Redis } from 'ioredis';
import type { AuditEvent } from '../../services/audit/event.js';
import { auditStreamKeys, EVENT_FIELD } from '../../services/audit/stream.js';

/** Every audit event on the stream under `prefix`, in stream order. */
export async function readAuditStream(redisUrl: string, prefix: string): Promise<AuditEvent[]> {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const events: AuditEvent[] = [];
    let start = '-';
    for (;;) {
      const entries = await client.xrange(auditStreamKeys(prefix).events, start, '+', 'COUNT', 5000);
      for (const [, fields] of entries)
        events.push(JSON.parse(fields[fields.indexOf(EVENT_FIELD) + 1]) as AuditEvent);
      if (entries.length < 5000) return events;
      start = `(${entries[entries.length - 1][0]}`;
    }
  } finally {
    client.disconnect();
  }
}
