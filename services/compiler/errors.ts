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

/** `file:line:col: code: message`: the first line of an error, without its details. */
export function formatRegoError(error: RegoError): string {
  const where = error.location ? `${error.location.file}:${error.location.row}:${error.location.col}: ` : '';
  return `${where}${error.code}: ${error.message}`;
}

/**
 * The first line, then each detail line after a newline and a tab, as OPA
 * prints errors (OPA leaves the column to the caret line; we keep it in the
 * first line too).
 */
export function formatRegoErrorDetails(error: RegoError): string {
  return [formatRegoError(error), ...(error.details ?? [])].join('\n\t');
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
    const shown = sorted.slice(0, 10).map(formatRegoErrorDetails);
    if (sorted.length > 10) shown.push(`... and ${sorted.length - 10} more errors`);
    super(
      sorted.length === 1
        ? `1 error occurred: ${shown[0]}`
        : `${sorted.length} errors occurred:\n${shown.join('\n')}`,
    );
    this.name = 'RegoCompileError';
    this.errors = sorted;
  }
}

function isNewline(c: string): boolean {
  return c === '\n' || c === '\r';
}

/**
 * The source line of a parse error and a caret under its column, as OPA's
 * `ParserErrorDetail` prints them: the caret goes under the last non-space
 * character at or before the error (so an error at the end of input points
 * at what came last), leading tabs are dropped from the line.
 */
export function sourceLineDetails(source: string, location: Location): string[] {
  if (source.length === 0) return [];
  const lines = source.split('\n');
  let offset = 0;
  for (let r = 1; r < location.row && r <= lines.length; r++) offset += lines[r - 1].length + 1;
  offset += Math.max(0, location.col - 1);
  if (offset >= source.length) offset = source.length - 1;
  while (offset > 0 && /\s/.test(source[offset])) offset--;
  let begin = offset;
  while (begin > 0 && !isNewline(source[begin])) begin--;
  if (isNewline(source[begin])) begin++;
  let end = offset;
  while (end < source.length && !isNewline(source[end])) end++;
  if (begin > end) begin = end;
  const line = source.slice(begin, end);
  const trimmed = line.replace(/^\t+/, '');
  const indent = Math.max(0, offset - begin - (line.length - trimmed.length));
  return [trimmed, `${' '.repeat(indent)}^`];
}

/** Runs a parse, giving the parse errors it throws their source line and caret (OPA's parse error details). */
export function withSourceLines<T>(source: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof RegoCompileError)) throw err;
    throw new RegoCompileError(
      err.errors.map((e) =>
        e.code === 'rego_parse_error' && e.location && !e.details
          ? { ...e, details: sourceLineDetails(source, e.location) }
          : e,
      ),
    );
  }
}
