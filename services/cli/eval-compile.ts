/**
 * The compile of `portcullis eval`, through the compile cache: a query (or
 * entrypoint) compiled before with the same sources, options and compiler
 * is read back instead of compiled, without loading the parser or binaryen.
 */
import type { CompileCache } from '../compiler/cache/store.js';
import { cacheKey } from '../compiler/cache/store.js';
import { compilerId } from '../compiler/cache/compiler-id.js';
import type { SchemaSet } from '../compiler/compile/typecheck/schema.js';
import type { DataReadSummary } from '../compiler/data-refs.js';
import type { PreparedQuery } from '../compiler/eval-results.js';
import type { PolicySources } from '../compiler/project.js';
import type { RegoVersion } from '../compiler/rego/parser-base.js';

export interface EvalCompileSpec {
  /** The query as the user wrote it (the query form). */
  query?: string;
  /** The rule path to evaluate (the `-e` form). */
  entrypoint?: string;
  /** Syntax of the query (and of files that do not carry their own). */
  regoVersion: RegoVersion;
  schemas?: SchemaSet;
}

export interface EvalCompiled {
  wasm: Uint8Array;
  /** The builtins the module calls on the host. */
  builtins: string[];
  dataReads: DataReadSummary;
  /** The query form: how to shape the answer. */
  prepared?: PreparedQuery;
}

function evalCacheKey(sources: PolicySources, spec: EvalCompileSpec): string {
  const { query, entrypoint, regoVersion, schemas } = spec;
  const schemaParts = schemas ? { input: schemas.input, byPath: [...(schemas.byPath ?? [])] } : null;
  return cacheKey([
    compilerId(),
    'eval',
    JSON.stringify({ query, entrypoint, regoVersion, schemas: schemaParts }),
    ...sources.rego.flatMap((f) => [f.file, f.regoVersion ?? 'v1', f.source]),
  ]);
}

async function compile(sources: PolicySources, spec: EvalCompileSpec): Promise<EvalCompiled> {
  const { compileRego, hostCalledBuiltins } = await import('../compiler/index.js');
  const { dataReadSummary } = await import('../compiler/data-refs.js');
  // print() calls run, as `opa eval` runs them; their lines go to stderr.
  if (spec.entrypoint !== undefined) {
    const { regoVersion, schemas } = spec;
    const compiled = compileRego(sources.rego, {
      entrypoints: [spec.entrypoint],
      regoVersion,
      schemas,
      print: true,
    });
    return {
      wasm: compiled.wasm,
      builtins: hostCalledBuiltins(compiled.policy),
      dataReads: dataReadSummary(compiled.modules),
    };
  }
  const { prepareEvalQuery } = await import('../compiler/eval-query.js');
  const prepared = prepareEvalQuery(spec.query ?? '', { regoVersion: spec.regoVersion });
  // The files carry their syntax; the prepared query is printed back as Rego v1.
  const compiled = compileRego(sources.rego, {
    query: prepared.query,
    queryName: 'eval',
    schemas: spec.schemas,
    print: true,
  });
  return {
    wasm: compiled.wasm,
    builtins: hostCalledBuiltins(compiled.policy),
    dataReads: dataReadSummary(compiled.modules),
    prepared,
  };
}

/** Compiles the query or entrypoint with the sources, or reads it from `cache`; throws RegoCompileError. */
export async function compileForEval(
  sources: PolicySources,
  spec: EvalCompileSpec,
  cache?: CompileCache,
): Promise<EvalCompiled> {
  const key = cache ? evalCacheKey(sources, spec) : undefined;
  if (cache && key) {
    const hit = cache.get<Omit<EvalCompiled, 'wasm'>>(key);
    if (hit) return { ...hit.meta, wasm: hit.wasm };
  }
  const compiled = await compile(sources, spec);
  if (cache && key) {
    const { wasm, ...meta } = compiled;
    cache.put(key, { meta, wasm });
  }
  return compiled;
}
