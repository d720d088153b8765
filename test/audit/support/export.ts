import { Redis } from 'ioredis';
import {
  auditConfigSchema,
  type AuditConfig,
  type AuditConfigInput,
} from '../../../services/audit/config.js';
import { bundleEvent, type AuditEvent } from '../../../services/audit/event.js';
import type { AuditExporter, ExportHealth } from '../../../services/audit/export/exporter.js';
import { auditStreamKeys, EVENT_FIELD } from '../../../services/audit/stream.js';

export const source = { service: 'test', instance: 'test:1' };

/** Small, distinct events. */
export function sampleEvents(n: number, from = 0): AuditEvent[] {
  return Array.from({ length: n }, (_, i) =>
    bundleEvent({ name: `bundle-${from + i}`, revision: String(from + i), outcome: 'activated' }, source),
  );
}

export function auditConfig(input: AuditConfigInput): AuditConfig {
  return auditConfigSchema.parse({ transport: { trimIntervalMs: 50, claimIdleMs: 1000 }, ...input });
}

export const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Waits, tick by tick of the exporter, until `done(health)` holds; fails after `limitMs`. */
export async function waitForHealth(
  exporter: AuditExporter,
  done: (health: ExportHealth) => boolean,
  limitMs = 60_000,
): Promise<ExportHealth> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const health = exporter.health();
    if (done(health)) return health;
    if (Date.now() > deadline) throw new Error(`condition not met; last health: ${JSON.stringify(health)}`);
    await exporter.nextTick();
  }
}

/** XADDs events straight onto the stream (what producers do), in one pipeline. */
export async function putOnStream(redisUrl: string, prefix: string, events: AuditEvent[]): Promise<void> {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    for (let i = 0; i < events.length; i += 1000) {
      const pipeline = client.pipeline();
      for (const e of events.slice(i, i + 1000))
        pipeline.xadd(auditStreamKeys(prefix).events, '*', EVENT_FIELD, JSON.stringify(e));
      await pipeline.exec();
    }
  } finally {
    client.disconnect();
  }
}
