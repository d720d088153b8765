import { PortcullisError } from '../common/errors.js';

/** Every error the console raises on purpose (docs/ERRORS.md lists each). */
export type ConsoleErrorCode =
  /** A state-changing request without the form's token, with a wrong one, or from another site. */
  | 'console_csrf_invalid'
  /** A page or action of someone not signed in (pages redirect to the sign-in page instead). */
  | 'console_signin_required'
  /** A sign-in attempt failed: unknown API key, a token the API does not accept, a bad OIDC callback. */
  | 'console_signin_failed'
  /** The sign-in method asked for is not configured. */
  | 'console_signin_unavailable'
  /** The workers' API could not be reached from the console, or answered something that is not JSON. */
  | 'console_api_unreachable'
  /** A form field is malformed (a time, a number, an upload). */
  | 'console_input_invalid';

const STATUS: Record<ConsoleErrorCode, number> = {
  console_csrf_invalid: 403,
  console_signin_required: 401,
  console_signin_failed: 401,
  console_signin_unavailable: 404,
  console_api_unreachable: 502,
  console_input_invalid: 400,
};

export class ConsoleError extends PortcullisError {
  declare readonly code: ConsoleErrorCode;

  constructor(code: ConsoleErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(code, message, { status: options.status ?? STATUS[code], cause: options.cause });
    this.name = 'ConsoleError';
  }
}
