import { PortcullisError } from '../../common/errors.js';

/** Errors of candidate bundles on the decision service (docs/ERRORS.md lists each). */
export type CandidateErrorCode =
  /** The decision service has no candidate API: `replay.token` is not configured. */
  | 'candidates_disabled'
  /** The caller's bearer token is not the configured `replay.token`. */
  | 'candidates_unauthorized'
  /** The uploaded bundle has no compiled policy or no entrypoint. */
  | 'candidate_invalid'
  /** No candidate with this id (never loaded, dropped, or idle too long). */
  | 'candidate_not_found'
  /** Too many candidates are loaded at once. */
  | 'candidates_full'
  /** No live bundle is loaded yet, so there is no evaluation pool to use. */
  | 'candidate_unavailable';

const STATUS: Record<CandidateErrorCode, number> = {
  candidates_disabled: 404,
  candidates_unauthorized: 401,
  candidate_invalid: 400,
  candidate_not_found: 404,
  candidates_full: 429,
  candidate_unavailable: 503,
};

export class CandidateError extends PortcullisError {
  declare readonly code: CandidateErrorCode;

  constructor(code: CandidateErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: STATUS[code], ...options });
    this.name = 'CandidateError';
  }
}
