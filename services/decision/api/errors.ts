import { PortcullisError } from '../../common/errors.js';

/**
 * Error codes the decision API answers with (OPA's where OPA has one):
 * - invalid_parameter (400, 413, 415): malformed JSON, bad query parameter, body over the limit, unknown encoding
 * - json_too_deep (400): the body or `input` nests deeper than MAX_JSON_DEPTH (services/common/json-depth.ts)
 * - undefined_document (404): v0 API or default decision with no result
 * - resource_not_found (404): unknown route
 * - method_not_allowed (405): a known route asked with another method
 * - evaluation_error (500): the policy failed; the message says why
 * - eval_cancel_error (500): the evaluation overran its deadline
 * - internal_error (500): anything else
 * - unavailable (503): policies are being swapped and the request could not be served
 */
export class ApiError extends PortcullisError {
  /** The decision this error ended, when it came from one (its decision-log event has the same id). */
  decisionId?: string;

  constructor(code: string, message: string, status: number) {
    super(code, message, { status });
    this.name = 'ApiError';
  }
}

export function invalidParameter(message: string): ApiError {
  return new ApiError('invalid_parameter', message, 400);
}

/** Maps any thrown error to OPA's `{code, message}` body and an HTTP status. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof PortcullisError) {
    const code =
      err.code === 'worker_crashed'
        ? 'evaluation_error'
        : err.code === 'pool_closed'
          ? 'unavailable'
          : err.code;
    return new ApiError(code, err.message, err.status);
  }
  return new ApiError('internal_error', err instanceof Error ? err.message : String(err), 500);
}
