import type { NextFunction, Request, Response } from 'express';
import { PortcullisError } from '../../common/errors.js';

/**
 * Error codes the decision API answers with (OPA's where OPA has one):
 * - invalid_parameter (400, 413): malformed JSON, bad query parameter, body over the limit
 * - undefined_document (404): v0 API or default decision with no result
 * - resource_not_found (404): unknown route
 * - evaluation_error (500): the policy failed; the message says why
 * - eval_cancel_error (500): the evaluation overran its deadline
 * - internal_error (500): anything else
 * - unavailable (503): policies are being swapped and the request could not be served
 */
export class ApiError extends PortcullisError {
  constructor(code: string, message: string, status: number) {
    super(code, message, { status });
    this.name = 'ApiError';
  }
}

export function invalidParameter(message: string): ApiError {
  return new ApiError('invalid_parameter', message, 400);
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  message: string;
}

/** Maps any thrown error to OPA's `{code, message}` body and an HTTP status. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const parser = err as BodyParserError;
  if (parser?.type === 'entity.too.large') {
    return new ApiError(
      'invalid_parameter',
      `request body too large: the limit is ${parser.limit} bytes`,
      413,
    );
  }
  if (parser?.type === 'encoding.unsupported') return new ApiError('invalid_parameter', parser.message, 415);
  if (typeof parser?.type === 'string' && parser.status && parser.status < 500) {
    return new ApiError('invalid_parameter', parser.message, parser.status);
  }
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

export function errorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  const apiError = toApiError(err);
  res.status(apiError.status).json({ code: apiError.code, message: apiError.message });
}
