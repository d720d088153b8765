/**
 * `portcullis check`: every stage of the compiler up to the plan (parse,
 * resolve, safety, recursion, types, and with `--strict` OPA's strict
 * checks), nothing built. As `opa check`, it prints nothing when the
 * policy is valid and the errors (on stderr) when it is not.
 */
import { readFileSync } from 'node:fs';
import { PortcullisError } from '../common/errors.js';
import { RegoCompileError } from '../compiler/errors.js';
import { parseModules, type RegoFile } from '../compiler/index.js';
import { compileModules } from '../compiler/plan/index.js';
import { evalOutputErrors, formatEvalErrors } from './eval-errors.js';
import { regoFilesUnder } from './rego-files.js';
import { schemasFromOption } from './schema-option.js';

export interface CheckCommandOptions {
  strict?: boolean;
  format: string;
  schema?: string;
  v0Compatible?: boolean;
}

/** Checks the files; answers the exit code (1 when there are errors). */
export function runCheckCommand(paths: string[], options: CheckCommandOptions): number {
  if (!['pretty', 'json'].includes(options.format)) {
    throw new PortcullisError('invalid_argument', `--format ${options.format}: expected pretty or json`);
  }
  const regoVersion = options.v0Compatible ? 'v0' : 'v1';
  const schemas = schemasFromOption(options.schema);
  const files: RegoFile[] = regoFilesUnder(paths).map((file) => ({
    file,
    source: readFileSync(file, 'utf8'),
  }));
  try {
    compileModules(parseModules(files, regoVersion), { strict: options.strict, schemas });
    return 0;
  } catch (err) {
    if (!(err instanceof RegoCompileError)) throw err;
    process.stderr.write(formatEvalErrors(evalOutputErrors(err)!, options.format));
    return 1;
  }
}
