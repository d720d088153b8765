import type { ApprovalRecord } from '../../approvals/types.js';
import type { ProxyError, ProxyErrorCode } from '../errors.js';
import { jsonRpcError, jsonRpcResult, type JsonObject, type JsonRpcId } from './jsonrpc.js';

/**
 * How the proxy's refusals reach an MCP client: inside the JSON-RPC answer
 * to the message refused, never as an HTTP status (an MCP client treats a
 * failed POST as a broken transport and the model never sees why). The
 * `message` is what clients show the model, so it carries the policy's
 * reasons; `data` carries the same as fields: `error` (the code of
 * docs/ERRORS.md), `reasons`, `decision_id` and any approval fields.
 */

/** JSON-RPC error codes of Portcullis (the server-defined range of JSON-RPC 2.0). */
export const MCP_ERROR_CODES = {
  /** The policy denied the message. */
  denied: -32010,
  /** The message needs an approval that is pending, or was refused, used, or mismatched. */
  approval: -32011,
  /** A service the decision needs is unavailable, or the upstream failed. */
  unavailable: -32012,
  /** The answer could not be inspected or masked (it is withheld). */
  unmaskable: -32013,
  /** A proxy bug. */
  internal: -32603,
} as const;

const BY_CODE: Partial<Record<ProxyErrorCode, number>> = {
  forbidden: MCP_ERROR_CODES.denied,
  approval_required: MCP_ERROR_CODES.approval,
  approval_denied: MCP_ERROR_CODES.approval,
  approval_expired: MCP_ERROR_CODES.approval,
  approval_cancelled: MCP_ERROR_CODES.approval,
  approval_revoked: MCP_ERROR_CODES.approval,
  approval_mismatch: MCP_ERROR_CODES.approval,
  approval_not_found: MCP_ERROR_CODES.approval,
  approval_used: MCP_ERROR_CODES.approval,
  approval_header_invalid: MCP_ERROR_CODES.approval,
  break_glass_refused: MCP_ERROR_CODES.approval,
  grant_unavailable: MCP_ERROR_CODES.approval,
  reason_required: MCP_ERROR_CODES.approval,
  reason_too_long: MCP_ERROR_CODES.approval,
  response_not_maskable: MCP_ERROR_CODES.unmaskable,
  response_too_large_to_mask: MCP_ERROR_CODES.unmaskable,
  stream_event_too_large: MCP_ERROR_CODES.unmaskable,
  internal_error: MCP_ERROR_CODES.internal,
};

/** What the model reads: the proxy's message, then the policy's reasons. */
function messageFor(err: ProxyError): string {
  const head = err.code === 'forbidden' ? 'Denied by policy' : `Refused by the gateway (${err.code})`;
  const detail = err.reasons.length > 0 ? err.reasons.join('; ') : err.message;
  return `${head}: ${detail}`;
}

/** The JSON-RPC error answering message `id` for a refusal of the proxy. */
export function proxyErrorAnswer(id: JsonRpcId | null, err: ProxyError, decisionId?: string): JsonObject {
  const data: Record<string, unknown> = { error: err.code, reasons: err.reasons };
  if (decisionId) data.decision_id = decisionId;
  Object.assign(data, err.extra);
  const code =
    BY_CODE[err.code] ?? (err.status >= 500 ? MCP_ERROR_CODES.unavailable : MCP_ERROR_CODES.denied);
  return jsonRpcError(id, { code, message: messageFor(err), data });
}

/** Where a pending approval stands, for the caller. */
export interface PendingApproval {
  record: ApprovalRecord;
  url: string;
  reasons: string[];
}

/** `_meta` key of an approval id a call resumes (or `arguments._portcullis_approval`). */
export const APPROVAL_META = 'portcullis/approval';
export const APPROVAL_ARGUMENT = '_portcullis_approval';
/** `_meta` keys standing in for the Portcullis-Reason and Portcullis-Break-Glass headers. */
export const REASON_META = 'portcullis/reason';
export const BREAK_GLASS_META = 'portcullis/break-glass';

function pendingText(pending: PendingApproval, tool: string | null): string {
  const { record, url, reasons } = pending;
  const why = reasons.length > 0 ? `: ${reasons.join('; ')}` : '';
  const again = tool
    ? `call ${tool} again with the same arguments and add "${APPROVAL_ARGUMENT}": "${record.id}" to them`
    : `send the same request again with params._meta["${APPROVAL_META}"] = "${record.id}"`;
  return (
    `This call needs approval before it runs${why}. ` +
    `Approval ${record.id} is pending until ${new Date(record.expires_at).toISOString()}; ` +
    `a reviewer decides at ${url}. Once it is approved, ${again}. ` +
    `Do not retry before then: the same call without the approval opens another request for approval.`
  );
}

/**
 * The answer to a message whose approval is pending. A tool call gets a
 * tool result (isError) the model reads, saying how to retry; any other
 * method a JSON-RPC error with the same.
 */
export function pendingAnswer(
  id: JsonRpcId,
  method: string,
  tool: string | null,
  pending: PendingApproval,
  decisionId: string,
): JsonObject {
  const { record, url } = pending;
  const approval = {
    id: record.id,
    status: record.status,
    url,
    expires_at: new Date(record.expires_at).toISOString(),
    retry: tool
      ? { arguments: { [APPROVAL_ARGUMENT]: record.id } }
      : { _meta: { [APPROVAL_META]: record.id } },
  };
  const text = pendingText(pending, method === 'tools/call' ? tool : null);
  if (method === 'tools/call')
    return jsonRpcResult(id, {
      content: [{ type: 'text', text }],
      isError: true,
      _meta: { [APPROVAL_META]: approval },
    });
  return jsonRpcError(id, {
    code: MCP_ERROR_CODES.approval,
    message: text,
    data: { error: 'approval_pending', approval_id: record.id, decision_id: decisionId, approval },
  });
}
