/**
 * Builtin failures, coded as OPA codes them: operand type problems are
 * `eval_type_error`, everything else `eval_builtin_error`. Messages are
 * prefixed with the builtin's name, as OPA prints them
 * (`strings.replace_n: operand 1 must be object but got array`).
 */

export type BuiltinErrorCode = 'eval_type_error' | 'eval_builtin_error';

export class BuiltinError extends Error {
  readonly code: BuiltinErrorCode;
  readonly builtin: string;

  constructor(code: BuiltinErrorCode, builtin: string, message: string, options: { cause?: unknown } = {}) {
    super(`${builtin}: ${message}`, { cause: options.cause });
    this.name = 'BuiltinError';
    this.code = code;
    this.builtin = builtin;
  }
}

/** Thrown by implementations for a bad operand; the registry turns it into an `eval_type_error`. */
export class OperandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperandError';
  }
}

/** Thrown by implementations for any other failure; becomes an `eval_builtin_error`. */
export class BuiltinFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuiltinFailure';
  }
}

/** Thrown when a builtin has no host implementation. */
export class BuiltinNotSupportedError extends Error {
  readonly code = 'builtin_not_supported';
  readonly builtin: string;

  constructor(builtin: string, reason: string) {
    super(`${builtin}: not supported by Portcullis host builtins: ${reason}`);
    this.name = 'BuiltinNotSupportedError';
    this.builtin = builtin;
  }
}
