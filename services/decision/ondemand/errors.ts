import { PortcullisError } from '../../common/errors.js';

/**
 * Why a document that is not a compiled entrypoint cannot be answered:
 * - document_not_compiled (404): the bundles carry no Rego sources to compile it from
 * - policy_compile_error (500): compiling the requested path failed; the message holds the Rego errors
 */
export type OnDemandErrorCode = 'document_not_compiled' | 'policy_compile_error';

const STATUS: Record<OnDemandErrorCode, number> = {
  document_not_compiled: 404,
  policy_compile_error: 500,
};

export class OnDemandError extends PortcullisError {
  declare readonly code: OnDemandErrorCode;

  constructor(code: OnDemandErrorCode, message: string) {
    super(code, message, { status: STATUS[code] });
    this.name = 'OnDemandError';
  }
}
