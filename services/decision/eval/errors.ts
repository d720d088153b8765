import { PortcullisError } from '../../common/errors.js';

/** Ways an evaluation can fail, each with the HTTP status the API answers with. */
export type EvalErrorCode = 'evaluation_error' | 'eval_cancel_error' | 'worker_crashed' | 'pool_closed';

const STATUS: Record<EvalErrorCode, number> = {
  evaluation_error: 500,
  eval_cancel_error: 500,
  worker_crashed: 500,
  pool_closed: 503,
};

export class EvalError extends PortcullisError {
  declare readonly code: EvalErrorCode;

  constructor(code: EvalErrorCode, message: string) {
    super(code, message, { status: STATUS[code] });
    this.name = 'EvalError';
  }
}
