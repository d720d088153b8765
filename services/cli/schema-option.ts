/** `--schema <file|dir>` (build, eval, check): JSON Schemas for the type checker, as OPA's `-s`. */
import { PortcullisError } from '../common/errors.js';
import { SchemaError, type SchemaSet } from '../compiler/compile/typecheck/schema.js';
import { readSchemaSet } from '../compiler/compile/typecheck/schema-files.js';

/** The schema set a `--schema` value names; undefined when the option was not given. */
export function schemasFromOption(path: string | undefined): SchemaSet | undefined {
  if (path === undefined) return undefined;
  try {
    return readSchemaSet(path);
  } catch (err) {
    if (err instanceof SchemaError) throw new PortcullisError('invalid_argument', `--schema ${err.message}`);
    throw err;
  }
}
