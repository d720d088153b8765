import { z } from 'zod';
import { requirementSchema } from '../../approvals/requirement.js';
import { ProxyError } from '../errors.js';
import { DETECTOR_NAMES } from '../mask/detectors.js';
import { parseFieldPath } from '../mask/field-paths.js';

/**
 * The decision document the policy returns (docs/POLICY.md,
 * docs/schemas/decision.schema.json). Unknown extra keys are allowed so
 * newer policies still work; anything the proxy cannot enforce is invalid.
 */
export const decisionSchema = z.looseObject({
  allow: z.boolean(),
  reasons: z.array(z.string()).default([]),
  /** Ask a human first (docs/APPROVALS.md); deny still beats it. */
  require_approval: requirementSchema.nullable().default(null),
  /** The grant (an id from input.grants) this decision relies on: one use of it is counted. */
  grant_id: z.string().min(1).max(64).nullable().optional(),
  mask: z
    .object({
      fields: z.array(z.string()).default([]),
      detectors: z.array(z.enum(DETECTOR_NAMES)).default([]),
      replacement: z.string().optional(),
    })
    .nullable()
    .default(null),
  headers: z
    .object({
      set: z.record(z.string(), z.string()).default({}),
      remove: z.array(z.string()).default([]),
    })
    .nullable()
    .default(null),
  audit: z
    .object({
      level: z.enum(['none', 'basic', 'full']).default('basic'),
      labels: z.record(z.string(), z.string()).default({}),
    })
    .nullable()
    .default(null),
  inspect_response: z.boolean().default(false),
});

export type Decision = z.infer<typeof decisionSchema>;

export function parseDecision(result: unknown): Decision {
  if (result === undefined)
    throw new ProxyError('decision_invalid', 'the policy returned no decision (undefined)');
  let decision = wellFormedDecision(result);
  if (decision === undefined) {
    const parsed = decisionSchema.safeParse(result);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProxyError('decision_invalid', `decision.${issue.path.join('.')}: ${issue.message}`);
    }
    decision = parsed.data;
  }
  // Field paths are checked now, so a malformed one fails before the upstream is called.
  for (const glob of decision.mask?.fields ?? []) parseFieldPath(glob);
  return decision;
}

/** A sub-document the hand check does not vouch for: the schema decides. */
const UNSURE = Symbol('unsure');
type Checked<T> = T | typeof UNSURE;

const DETECTORS: ReadonlySet<string> = new Set(DETECTOR_NAMES);
const AUDIT_LEVELS: ReadonlySet<string> = new Set(['none', 'basic', 'full']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function hasOnlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  for (const key in value) if (!keys.includes(key)) return false;
  return true;
}

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  if (!isPlainObject(value) || Object.hasOwn(value, '__proto__')) return false;
  for (const key in value) if (typeof value[key] !== 'string') return false;
  return true;
}

function checkedMask(value: unknown): Checked<Decision['mask']> {
  if (value === undefined || value === null) return null;
  if (!isPlainObject(value) || !hasOnlyKeys(value, ['fields', 'detectors', 'replacement'])) return UNSURE;
  const { fields = [], detectors = [], replacement } = value;
  if (!isStringArray(fields) || !isStringArray(detectors)) return UNSURE;
  if (!detectors.every((name) => DETECTORS.has(name))) return UNSURE;
  if (replacement !== undefined && typeof replacement !== 'string') return UNSURE;
  const mask = { fields, detectors: detectors as NonNullable<Decision['mask']>['detectors'] };
  return replacement === undefined ? mask : { ...mask, replacement };
}

function checkedHeaders(value: unknown): Checked<Decision['headers']> {
  if (value === undefined || value === null) return null;
  if (!isPlainObject(value) || !hasOnlyKeys(value, ['set', 'remove'])) return UNSURE;
  const { set = {}, remove = [] } = value;
  return isStringRecord(set) && isStringArray(remove) ? { set, remove } : UNSURE;
}

function checkedAudit(value: unknown): Checked<Decision['audit']> {
  if (value === undefined || value === null) return null;
  if (!isPlainObject(value) || !hasOnlyKeys(value, ['level', 'labels'])) return UNSURE;
  const { level = 'basic', labels = {} } = value;
  if (typeof level !== 'string' || !AUDIT_LEVELS.has(level) || !isStringRecord(labels)) return UNSURE;
  return { level: level as NonNullable<Decision['audit']>['level'], labels };
}

/**
 * The usual decision checked by hand, with the schema's defaults: on the
 * request path the schema costs more than the rest of the decision step.
 * Undefined for anything it does not vouch for (an approval, a malformed or
 * unusual document), which then goes through `decisionSchema`, the reference
 * and the source of the error messages. It never accepts what the schema
 * refuses (test/proxy/decision/document.test.ts compares the two).
 */
export function wellFormedDecision(result: unknown): Decision | undefined {
  if (!isPlainObject(result) || typeof result.allow !== 'boolean') return undefined;
  if (Object.hasOwn(result, '__proto__')) return undefined;
  const { reasons = [], require_approval: approval, inspect_response: inspect = false } = result;
  if (!isStringArray(reasons) || typeof inspect !== 'boolean') return undefined;
  if (approval !== undefined && approval !== null) return undefined;
  const grantId = result.grant_id;
  if (
    grantId !== undefined &&
    grantId !== null &&
    (typeof grantId !== 'string' || grantId === '' || grantId.length > 64)
  )
    return undefined;
  const mask = checkedMask(result.mask);
  const headers = checkedHeaders(result.headers);
  const audit = checkedAudit(result.audit);
  if (mask === UNSURE || headers === UNSURE || audit === UNSURE) return undefined;
  return {
    ...result,
    allow: result.allow,
    reasons,
    require_approval: null,
    mask,
    headers,
    audit,
    inspect_response: inspect,
  };
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/**
 * What HTTP allows in a header value (RFC 9110 field-vchar, obs-text, space
 * and tab): CR, LF and NUL would inject, the other controls and code points
 * past Latin-1 make Node and undici throw once the upstream or the caller
 * is being answered, too late for a clean refusal.
 */
const UNSAFE_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** Framing, routing and identity headers a policy may not touch. */
const PROTECTED =
  /^(host|content-length|transfer-encoding|connection|keep-alive|upgrade|te|trailer|proxy-.*|x-forwarded-.*|forwarded|x-portcullis-.*)$/;

/**
 * Checks the decision's header changes before any is applied. `extraProtected`
 * names the connection's credential header. Throws `decision_headers_refused`.
 */
export function checkHeaderChanges(headers: Decision['headers'], extraProtected: readonly string[]): void {
  if (!headers) return;
  const names = [...Object.keys(headers.set), ...headers.remove];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!TOKEN.test(name))
      throw new ProxyError('decision_headers_refused', `header name ${JSON.stringify(name)}`);
    if (PROTECTED.test(lower) || extraProtected.includes(lower)) {
      throw new ProxyError('decision_headers_refused', `header ${lower} is protected`);
    }
  }
  for (const [name, value] of Object.entries(headers.set)) {
    if (UNSAFE_VALUE.test(value)) {
      throw new ProxyError(
        'decision_headers_refused',
        `value of header ${name.toLowerCase()} has a character HTTP does not allow (a control or past Latin-1)`,
      );
    }
  }
}
