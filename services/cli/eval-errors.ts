/**
 * Errors `portcullis eval` reports as `opa eval` does, in its output rather
 * than as a crash: policy errors (parse, compile, type) and, with
 * `--strict-builtin-errors`, a builtin's error. With `--format json`
 * (OPA's `presentation.Output`) they are `{"errors": [{message, code,
 * location, details}]}`; with the other formats, `1 error occurred: ...`.
 */
import { BuiltinError } from '../compiler/builtins/errors.js';
import { RegoCompileError, type RegoError } from '../compiler/errors.js';

/** OPA's `presentation.OutputError`, field for field. */
export interface EvalOutputError {
  message: string;
  code?: string;
  location?: { file: string; row: number; col: number };
  details?: string;
}

/** The errors to print for `err`, or undefined when it is not an evaluation's error (let it propagate). */
export function evalOutputErrors(err: unknown): EvalOutputError[] | undefined {
  if (err instanceof RegoCompileError) return err.errors.map(fromRegoError);
  if (err instanceof BuiltinError) return [{ message: err.message, code: err.code }];
  return undefined;
}

function fromRegoError(e: RegoError): EvalOutputError {
  const out: EvalOutputError = { message: e.message, code: e.code };
  if (e.location) out.location = { file: e.location.file, row: e.location.row, col: e.location.col };
  if (e.details?.length) out.details = e.details.join('\n');
  return out;
}

function errorLine(e: EvalOutputError): string {
  const where = e.location ? `${e.location.file}:${e.location.row}:${e.location.col}: ` : '';
  const first = e.code ? `${where}${e.code}: ${e.message}` : `${where}${e.message}`;
  return e.details ? `${first}\n${e.details}` : first;
}

/** The text `opa eval` writes for these errors in `format`. */
export function formatEvalErrors(errors: EvalOutputError[], format: string): string {
  if (format === 'json') return `${JSON.stringify({ errors }, null, 2)}\n`;
  const lines = errors.map(errorLine);
  return errors.length === 1
    ? `1 error occurred: ${lines[0]}\n`
    : `${errors.length} errors occurred:\n${lines.join('\n')}\n`;
}
