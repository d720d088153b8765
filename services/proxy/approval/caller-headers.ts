import type { IncomingHttpHeaders } from 'node:http';
import { APPROVAL_ID } from '../../approvals/approvals.js';
import { ProxyError } from '../errors.js';

/** What the caller says about approval in its own headers (never forwarded upstream). */
export interface CallerApprovalHeaders {
  /** `Portcullis-Approval`: the approval this request resumes. */
  approvalId: string | undefined;
  /** `Portcullis-Reason`: why the caller asks; empty when absent. */
  reason: string;
  /** `Portcullis-Break-Glass`: the emergency reason, when the caller breaks the glass. */
  breakGlass: string | undefined;
}

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.join(', ') : value).trim();
}

/** Reads and checks the caller's approval headers; 400 for a malformed id or an oversized reason. */
export function callerApprovalHeaders(
  headers: IncomingHttpHeaders,
  maxReasonLength: number,
): CallerApprovalHeaders {
  const approvalId = single(headers, 'portcullis-approval');
  if (approvalId !== undefined && !APPROVAL_ID.test(approvalId)) {
    throw new ProxyError('approval_header_invalid');
  }
  const reason = single(headers, 'portcullis-reason') ?? '';
  const breakGlass = single(headers, 'portcullis-break-glass');
  for (const [name, text] of [
    ['Portcullis-Reason', reason],
    ['Portcullis-Break-Glass', breakGlass ?? ''],
  ] as const) {
    if (text.length > maxReasonLength) {
      throw new ProxyError(
        'reason_too_long',
        `${name} is ${text.length} characters; at most ${maxReasonLength}`,
      );
    }
  }
  return { approvalId, reason, breakGlass: breakGlass === '' ? undefined : breakGlass };
}
