import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApprovalError } from '../../errors.js';

export interface SlackRequestFacts {
  /** `X-Slack-Request-Timestamp`. */
  timestamp: string | undefined;
  /** `X-Slack-Signature`: `v0=<hex>`. */
  signature: string | undefined;
  /** The body exactly as received. */
  rawBody: Buffer;
}

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret (Slack's scheme). */
export function slackSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

/**
 * Checks a request claims to come from Slack: a timestamp within
 * `maxSkewSeconds` of now (either way) and a signature that matches,
 * compared in constant time. Throws slack_signature_invalid or
 * slack_signature_stale; replays are the caller's to refuse (the same
 * signature twice).
 */
export function verifySlackSignature(
  facts: SlackRequestFacts,
  secret: string,
  options: { nowMs: number; maxSkewSeconds: number },
): void {
  const { timestamp, signature } = facts;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) {
    throw new ApprovalError('slack_signature_invalid', 'X-Slack-Request-Timestamp is missing or malformed');
  }
  if (!signature || !/^v0=[0-9a-f]{64}$/.test(signature)) {
    throw new ApprovalError('slack_signature_invalid', 'X-Slack-Signature is missing or malformed');
  }
  if (Math.abs(options.nowMs / 1000 - Number(timestamp)) > options.maxSkewSeconds) {
    throw new ApprovalError('slack_signature_stale');
  }
  const expected = Buffer.from(slackSignature(secret, timestamp, facts.rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new ApprovalError('slack_signature_invalid');
  }
}
