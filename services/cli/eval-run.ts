/**
 * `portcullis eval`: compiles an ad-hoc query (or one entrypoint) with the
 * policy on the fly and prints the answer as `opa eval` does.
 */
import { readFileSync } from 'node:fs';
import { loadPolicySync } from '../compiler/load-policy.js';
import { PortcullisError } from '../common/errors.js';
import { yaml } from '../common/yaml.js';
import { loadHostBuiltins } from '../compiler/builtins/host.js';
import { commandLineCache } from '../compiler/cache/index.js';
import { formatMissingDataReads, missingDataReadsIn } from '../compiler/data-refs.js';
import { shapeEvalResults } from '../compiler/eval-results.js';
import { readPolicySources, type PolicySources } from '../compiler/project.js';
import { normaliseEntrypoint } from './commands/build.js';
import { evalOutputErrors, formatEvalErrors } from './eval-errors.js';
import { schemasFromOption } from './schema-option.js';
import { compileForEval, type EvalCompiled } from './eval-compile.js';

export interface EvalCommandOptions {
  data?: string[];
  input?: string;
  entrypoint?: string;
  format: string;
  fail?: boolean;
  failDefined?: boolean;
  strictBuiltinErrors?: boolean;
  /** Read the policy and the query as Rego v0. */
  v0Compatible?: boolean;
  /** `--schema`: a JSON Schema file for input, or a directory of schemas for annotations. */
  schema?: string;
}

const FORMATS = ['json', 'values', 'bindings', 'raw'];

function readDocument(file: string): unknown {
  const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  try {
    return file.endsWith('.yaml') || file.endsWith('.yml') ? yaml().parse(text) : JSON.parse(text);
  } catch (err) {
    throw new PortcullisError('invalid_document', `${file}: ${(err as Error).message}`);
  }
}

async function evaluate(
  sources: PolicySources,
  compiled: EvalCompiled,
  entrypoint: string,
  input: unknown,
  strict: boolean | undefined,
): Promise<unknown[]> {
  const builtins = await loadHostBuiltins({ strict, names: compiled.builtins });
  // The synchronous loader: the asynchronous one tests `instanceof Response`, which loads node's fetch.
  const policy = loadPolicySync(compiled.wasm, undefined, builtins);
  policy.setData(sources.data);
  return policy.evaluate(input, entrypoint) as unknown[];
}

function warnMissingData(sources: PolicySources, compiled: EvalCompiled): void {
  for (const line of formatMissingDataReads(missingDataReadsIn(compiled.dataReads, sources.data))) {
    process.stderr.write(`${line}\n`);
  }
}

/** Runs `eval`; answers the exit code. Policy and (strict) builtin errors print as `opa eval` prints them. */
export async function runEvalCommand(args: string[], options: EvalCommandOptions): Promise<number> {
  try {
    return await runEval(args, options);
  } catch (err) {
    const errors = evalOutputErrors(err);
    if (!errors) throw err;
    process.stdout.write(formatEvalErrors(errors, options.format));
    return 1;
  }
}

async function runEval(args: string[], options: EvalCommandOptions): Promise<number> {
  if (!FORMATS.includes(options.format)) {
    throw new PortcullisError(
      'invalid_argument',
      `--format ${options.format}: expected ${FORMATS.join(', ')}`,
    );
  }
  const input = options.input ? readDocument(options.input) : undefined;
  const regoVersion = options.v0Compatible ? 'v0' : 'v1';
  const schemas = schemasFromOption(options.schema);
  if (options.entrypoint !== undefined) {
    // The entrypoint form: positional arguments are policy paths, the answer the SDK's result set.
    const entrypoint = normaliseEntrypoint(options.entrypoint);
    const sources = readPolicySources([...args, ...(options.data ?? [])], { regoVersion });
    const compiled = await compileForEval(sources, { entrypoint, regoVersion, schemas }, commandLineCache());
    warnMissingData(sources, compiled);
    const resultSet = await evaluate(sources, compiled, entrypoint, input, options.strictBuiltinErrors);
    process.stdout.write(`${JSON.stringify(resultSet, null, 2)}\n`);
    return exitFor(resultSet.length > 0, options);
  }
  if (args.length !== 1) {
    throw new PortcullisError(
      'invalid_argument',
      `expected one query (quote it) and policy paths with -d; got ${args.length} arguments`,
    );
  }
  const sources = readPolicySources(options.data ?? [], { regoVersion });
  const compiled = await compileForEval(
    sources,
    { query: args[0], regoVersion, schemas },
    commandLineCache(),
  );
  warnMissingData(sources, compiled);
  const results = shapeEvalResults(
    compiled.prepared!,
    await evaluate(sources, compiled, 'eval', input, options.strictBuiltinErrors),
  );
  const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  switch (options.format) {
    case 'json':
      out(results.length ? { result: results } : {});
      break;
    case 'values':
      out(results.map((r) => r.expressions.map((e) => e.value)));
      break;
    case 'bindings':
      out(results.map((r) => r.bindings ?? {}));
      break;
    case 'raw':
      // OPA's raw format: the value of a single expression of a single result, strings unquoted.
      for (const r of results) {
        for (const e of r.expressions) {
          process.stdout.write(`${typeof e.value === 'string' ? e.value : JSON.stringify(e.value)}\n`);
        }
      }
      break;
  }
  return exitFor(results.length > 0, options);
}

function exitFor(defined: boolean, options: EvalCommandOptions): number {
  if (options.fail && !defined) return 1;
  if (options.failDefined && defined) return 1;
  return 0;
}
