import type { MetricsRegistry } from '../common/metrics.js';
import type { AuditProducer } from './producer.js';

/**
 * A producing process's audit figures on its `/metrics`, read when scraped:
 * events lost (never silent), sent, spooled and waiting in memory or on disk.
 * Returns a function that unregisters them.
 */
export function registerProducerMetrics(registry: MetricsRegistry, producer: AuditProducer): () => void {
  const removers = [
    registry.gaugeFrom(
      {
        name: 'portcullis_audit_producer_dropped',
        help: 'Audit events this process dropped (spool full or absent), since start.',
      },
      () => [{ value: producer.stats().dropped }],
    ),
    registry.gaugeFrom(
      {
        name: 'portcullis_audit_producer_sent',
        help: 'Audit events this process put on the stream, since start.',
      },
      () => [{ value: producer.stats().sent }],
    ),
    registry.gaugeFrom(
      {
        name: 'portcullis_audit_producer_spooled',
        help: 'Audit events this process wrote to its spool while Redis was away, since start.',
      },
      () => [{ value: producer.stats().spooled }],
    ),
    registry.gaugeFrom(
      { name: 'portcullis_audit_producer_buffered', help: 'Audit events waiting in memory.' },
      () => [{ value: producer.stats().buffered }],
    ),
    registry.gaugeFrom(
      { name: 'portcullis_audit_spool_bytes', help: 'Bytes in the spool waiting to be replayed to Redis.' },
      () => [{ value: producer.stats().spool?.bytes ?? 0 }],
    ),
  ];
  return () => removers.forEach((remove) => remove());
}
