import { z } from 'zod';
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
  require_approval: z
    .object({
      reviewers: z.array(z.string()).default([]),
      min_approvals: z.number().int().positive().default(1),
      ttl_seconds: z.number().int().positive().default(3600),
      reason: z.string().default(''),
    })
    .nullable()
    .default(null),
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
  const parsed = decisionSchema.safeParse(result);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProxyError('decision_invalid', `decision.${issue.path.join('.')}: ${issue.message}`);
  }
  // Field paths are checked now, so a malformed one fails before the upstream is called.
  for (const glob of parsed.data.mask?.fields ?? []) parseFieldPath(glob);
  return parsed.data;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// eslint-disable-next-line no-control-regex
const UNSAFE_VALUE = /[\r\n\u0000]/;
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
        `value of header ${name.toLowerCase()} has CR, LF or NUL`,
      );
    }
  }
}
