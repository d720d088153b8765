import { PortcullisError } from '../common/errors.js';

/** Errors of replays (docs/ERRORS.md lists each). */
export type ReplayErrorCode =
  /** A filter or the uploaded bundle is malformed. */
  | 'replay_invalid'
  /** The caller is not in the group allowed to replay (it reads recorded decision inputs). */
  | 'replay_forbidden'
  /** Replay is not configured here (no `replay.token`, no audit store). */
  | 'replay_unavailable'
  /** The decision service refused or failed the candidate (its code and message are given). */
  | 'replay_failed'
  /** `portcullis replay --fail-on`: the report holds a change the gate refuses. */
  | 'replay_gate_failed';

const STATUS: Record<ReplayErrorCode, number> = {
  replay_invalid: 400,
  replay_forbidden: 403,
  replay_unavailable: 503,
  replay_failed: 502,
  replay_gate_failed: 500,
};

export class ReplayError extends PortcullisError {
  declare readonly code: ReplayErrorCode;

  constructor(code: ReplayErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(code, message, { status: options.status ?? STATUS[code], cause: options.cause });
    this.name = 'ReplayError';
  }
}
