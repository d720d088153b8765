import { PortcullisError } from '../common/errors.js';

/** Every error the audit domain raises on purpose (docs/ERRORS.md lists each). */
export type AuditErrorCode =
  /** An event could not be recorded (Redis away and the spool full or absent): sync mode answers 503. */
  | 'audit_unavailable'
  /** Another process holds the spool directory. */
  | 'audit_spool_locked'
  /** The spool directory cannot be created, read or written. */
  | 'audit_spool_failed'
  /** The audit configuration is inconsistent (sink names, store). */
  | 'audit_config_invalid'
  /** The store cannot be reached, created or migrated. */
  | 'audit_store_unavailable'
  /** A sink refused a batch for good (bad token, bad index): the sink stops. */
  | 'audit_sink_rejected'
  /** A sink failed in a way worth retrying (network, 5xx, 429, timeout). */
  | 'audit_sink_failed'
  /** The API: a filter or cursor is malformed. */
  | 'audit_query_invalid'
  /** The API: no event with this id. */
  | 'audit_event_not_found'
  /** The API: the caller is not in the auditor group. */
  | 'audit_forbidden'
  /** `audit verify` found the chain broken. */
  | 'audit_chain_broken';

const STATUS: Partial<Record<AuditErrorCode, number>> = {
  audit_unavailable: 503,
  audit_store_unavailable: 503,
  audit_query_invalid: 400,
  audit_event_not_found: 404,
  audit_forbidden: 403,
};

export class AuditError extends PortcullisError {
  declare readonly code: AuditErrorCode;

  constructor(code: AuditErrorCode, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(code, message, { status: STATUS[code] ?? 500, ...options });
    this.name = 'AuditError';
  }
}
