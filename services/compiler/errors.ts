import type { Location } from './rego/ast.js';

/** OPA's error codes for policy source problems. */
export type RegoErrorCode =
  | 'rego_parse_error'
  | 'rego_compile_error'
  | 'rego_type_error'
  | 'rego_unsafe_var_error'
  | 'rego_recursion_error';

export interface RegoError {
  code: RegoErrorCode;
  message: string;
  location?: Location;
  /**
   * Lines OPA prints below the message, each after a tab: the source line
   * and a caret for parse errors, `have:`/`want:` for type errors.
   */
  details?: string[];
}

/** `file:line:col: code: message`: the first line of an error. */
export function regoErrorHeadline(error: RegoError): string {
  const where = error.location ? `${error.location.file}:${error.location.row}:${error.location.col}: ` : '';
  return `${where}${error.code}: ${error.message}`;
}

/**
 * The headline, then each detail line after a newline and a tab, as OPA
 * prints errors (OPA leaves the column to the caret line; we keep it in the
 * headline too).
 */
export function formatRegoError(error: RegoError): string {
  return [regoErrorHeadline(error), ...(error.details ?? [])].join('\n\t');
}

export function sortRegoErrors(errors: RegoError[]): RegoError[] {
  return [...errors].sort((a, b) => {
    const la = a.location;
    const lb = b.location;
    if (!la || !lb) return la ? -1 : lb ? 1 : 0;
    return la.file.localeCompare(lb.file) || la.row - lb.row || la.col - lb.col;
  });
}

/** Thrown by a compiler phase with every error it found (sorted by location). */
export class RegoCompileError extends Error {
  readonly errors: RegoError[];

  constructor(errors: RegoError[]) {
    const sorted = sortRegoErrors(errors);
    const shown = sorted.slice(0, 10).map(formatRegoError);
    if (sorted.length > 10) shown.push(`... and ${sorted.length - 10} more errors`);
    super(sorted.length === 1 ? shown[0] : `${sorted.length} errors occurred:\n${shown.join('\n')}`);
    this.name = 'RegoCompileError';
    this.errors = sorted;
  }
}
