import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { APPROVAL_ID } from '../../approvals.js';
import { ApprovalError } from '../../errors.js';
import type { ReviewDecision } from '../../types.js';

/** What a review link stands for: one reviewer, one action, one approval, until `expires` (unix s). */
export interface LinkClaims {
  approval_id: string;
  reviewer: string;
  decision: ReviewDecision;
  expires: number;
  /** Makes each link unique, and is what marks it used. */
  nonce: string;
}

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`portcullis-review-link.v1.${body}`).digest();
}

/** `<base64url JSON>.<base64url HMAC-SHA256>`, signed with the link secret. */
export function signLink(secret: string, claims: Omit<LinkClaims, 'nonce'>): string {
  const body = Buffer.from(
    JSON.stringify({
      a: claims.approval_id,
      r: claims.reviewer,
      d: claims.decision,
      e: claims.expires,
      n: randomBytes(12).toString('base64url'),
    }),
  ).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/**
 * The link's claims if its signature holds and it has not expired; throws
 * link_invalid (bad shape or signature, compared in constant time) or
 * link_expired. Whether it was used is the store's to say.
 */
export function verifyLink(secret: string, token: string, nowMs: number): LinkClaims {
  const invalid = () => new ApprovalError('link_invalid');
  if (typeof token !== 'string' || token.length > 1024 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token))
    throw invalid();
  const [body, signature] = token.split('.');
  const expected = mac(secret, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw invalid();
  }
  const { a, r, d, e, n } = raw;
  if (
    typeof a !== 'string' ||
    !APPROVAL_ID.test(a) ||
    typeof r !== 'string' ||
    (d !== 'approve' && d !== 'deny') ||
    typeof e !== 'number' ||
    typeof n !== 'string'
  )
    throw invalid();
  if (nowMs >= e * 1000) throw new ApprovalError('link_expired');
  return { approval_id: a, reviewer: r, decision: d, expires: e, nonce: n };
}
