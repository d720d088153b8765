/**
 * A gqlparser error: a message and, when the source is known, the line and
 * column (in runes) it points at. `text()` renders it the way OPA reports
 * it after picking gqlparser's `input:line:col: message` apart.
 */
import type { Position } from './ast.js';

export class GraphQLError extends Error {
  readonly line?: number;
  readonly column?: number;

  constructor(message: string, position?: Position) {
    super(message);
    this.name = 'GraphQLError';
    this.line = position?.Line;
    this.column = position?.Column;
  }
}

/** OPA's wording for a parse or schema error: `<msg> in GraphQL string at location L:C`. */
export function describeParseError(err: GraphQLError): string {
  if (err.line === undefined) return err.message;
  return `${err.message} in GraphQL string at location ${err.line}:${err.column}`;
}

/**
 * OPA's wording for query validation errors: gqlparser's list of errors is
 * joined with newlines and only the first location is reported; the final
 * period is trimmed.
 */
export function describeValidationErrors(errors: GraphQLError[]): string {
  const [first] = errors;
  const lines = errors.map((e, i) =>
    i === 0 ? e.message : `input${e.line === undefined ? '' : `:${e.line}:${e.column}`}: ${e.message}`,
  );
  let joined = `${lines.join('\n')}\n`;
  if (joined.endsWith('.\n')) joined = joined.slice(0, -2);
  if (first.line === undefined) return joined.trimEnd();
  return `${joined} in GraphQL string at location ${first.line}:${first.column}`;
}
