/**
 * The answers of ad-hoc queries in OPA's shape (see eval-query.ts, which
 * prepares the query): kept apart from the parser so that `eval` with a
 * cached compile shapes its answer without loading it.
 */

/** A capture var: not a generated name (those are dropped from bindings), not one an author writes. */
export const CAPTURE = (i: number) => `__portcullis_expr${i}__`;
const CAPTURE_NAME = /^__portcullis_expr(\d+)__$/;

export interface EvalExpression {
  /** The expression's source text. */
  text: string;
  location: { row: number; col: number };
  /** The var holding its value, when it is captured (else its value is `true`). */
  capture?: string;
}

export interface PreparedQuery {
  /** The rewritten query, as Rego text for the compiler. */
  query: string;
  expressions: EvalExpression[];
}

/** OPA's result shape (`opa eval --format json`). */
export interface EvalResult {
  expressions: { value: unknown; text: string; location: { row: number; col: number } }[];
  bindings?: Record<string, unknown>;
}

/** OPA's result list from the binding objects the compiled query returned. */
export function shapeEvalResults(prepared: PreparedQuery, resultSet: unknown[]): EvalResult[] {
  return resultSet.map((row) => {
    const bindings: Record<string, unknown> = {};
    const values = new Map<string, unknown>();
    for (const [key, value] of Object.entries((row ?? {}) as Record<string, unknown>)) {
      if (CAPTURE_NAME.test(key)) values.set(key, value);
      else bindings[key] = value;
    }
    const expressions = prepared.expressions.map(({ text, location, capture }) => ({
      value: capture ? values.get(capture) : true,
      text,
      location,
    }));
    return Object.keys(bindings).length ? { expressions, bindings } : { expressions };
  });
}
