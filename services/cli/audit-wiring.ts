import { randomBytes, createHash } from 'node:crypto';
import { join } from 'node:path';
import type { AuditConfig } from '../audit/config.js';
import { defaultInstance } from '../audit/event.js';
import { AuditProducer, type AuditLogger } from '../audit/producer.js';
import type { PortcullisConfig } from '../common/config.js';
import type { ProxyConfig } from '../proxy/config.js';

/** Where a service's process records: the deployment's Redis, and a spool directory of its own. */
export function auditProducerFor(
  config: PortcullisConfig,
  service: 'proxy' | 'decision',
  logger: AuditLogger,
  redisUrl = config.redis.url,
): AuditProducer {
  const audit: AuditConfig = config.audit;
  return new AuditProducer({
    redisUrl,
    prefix: config.redis.prefix,
    source: { service, instance: audit.instance ?? defaultInstance() },
    spool: audit.spool.enabled
      ? { dir: join(audit.spool.dir, service), maxBytes: audit.spool.maxBytes }
      : undefined,
    maxStreamLength: audit.transport.maxLength,
    logger,
  });
}

/** The decision service's audit options: its spool and instance name (it makes its own producer). */
export function decisionAuditOptions(config: PortcullisConfig): {
  auditSpool?: { dir: string; maxBytes: number };
  auditInstance?: string;
} {
  const audit: AuditConfig = config.audit;
  return {
    auditSpool: audit.spool.enabled
      ? { dir: join(audit.spool.dir, 'decision'), maxBytes: audit.spool.maxBytes }
      : undefined,
    auditInstance: audit.instance,
  };
}

/**
 * For `npm start` with the demo: an API key of an auditor (valid for this
 * run) that the workers' API accepts, so the banner can show how to search
 * the trail. Returns the identity settings with it added.
 */
export function withDemoAuditor(
  identity: ProxyConfig['identity'],
  config: PortcullisConfig,
): { identity: ProxyConfig['identity']; apiKey: string } {
  const apiKey = `pc_demo_audit_${randomBytes(12).toString('hex')}`;
  return {
    apiKey,
    identity: {
      ...identity,
      apiKeys: [
        ...identity.apiKeys,
        {
          id: 'demo-auditor',
          sha256: createHash('sha256').update(apiKey).digest('hex'),
          subject: 'demo-auditor',
          groups: [config.audit.api.auditorGroup],
        },
      ],
    },
  };
}
