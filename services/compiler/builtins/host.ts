/**
 * The table of host builtins a host passes to `@open-policy-agent/opa-wasm`
 * (see index.ts for how the SDK calls them), built from the implementations
 * loaded so far: `loadHostBuiltins` first loads the topics a module names;
 * `hostBuiltins` (through index.ts, which loads every topic) answers all.
 */
import { callBuiltin, hostImplementation, implementedNames, loadImplementations } from './registry.js';
import { BuiltinError } from './errors.js';
import { containsBigInt, toJSONText } from './values.js';
import { returnsSet } from './catalog.js';
import { withContextProvider } from './context.js';
import { EXACT_PREFIX, exactHostName, usesExactConvention } from './exact.js';
import { parseValueText, toValueText } from './value-text.js';
import { printLines } from './print.js';
import type { EvaluationContext } from './context.js';
import type { Value } from './values.js';

/** Options for {@link hostBuiltins}. */
export interface HostBuiltinOptions {
  /**
   * Raise builtin errors instead of making the call undefined (OPA's
   * `strict-builtin-errors`).
   * @defaultValue false
   */
  strict?: boolean;
  /**
   * Where `print` output goes: the lines of `print()` calls compiled with
   * the `print` compile option (`internal.print`), and of direct `print` calls.
   * @defaultValue writes the line to stderr
   */
  print?: (line: string) => void;
  /**
   * Gives each builtin call its evaluation context: the clock of `time.now_ns`
   * and the memo that keeps `uuid.rfc4122` stable. OPA fixes both for one
   * evaluation, so a host should return the same context for every call made
   * while one `evaluate()` runs (e.g. create it just before evaluating).
   * @defaultValue a fresh context per call (current time, empty memo)
   */
  context?: () => EvaluationContext;
  /**
   * How results declared as sets go back: `'array'` (JSON, what every
   * `opa_json_parse` reads; the module must turn them into sets) or
   * `'rego-text'` (Rego set syntax such as `{"a", "b"}` / `set()`, for a
   * runtime whose `opa_json_parse` also reads set literals).
   * @defaultValue 'array'
   */
  setResults?: 'array' | 'rego-text';
  /**
   * Restrict the table to these builtin names (e.g. the module's `builtins()`
   * list; `portcullis.` and `portcullis.exact.` names stand for their builtin).
   * @defaultValue every implemented builtin
   */
  names?: string[];
}

/**
 * Builtins the opa-wasm SDK implements itself (src/builtins/*.js); it uses its
 * own version even when a custom builtin of the same name is given.
 */
export const SDK_SHADOWED_BUILTINS: readonly string[] = [
  'json.is_valid',
  'regex.split',
  'sprintf',
  'yaml.is_valid',
  'yaml.marshal',
  'yaml.unmarshal',
];

/**
 * The name a module should list in its `builtins()` table for a host builtin:
 * shadowed builtins get a `portcullis.` prefix so the SDK reaches ours (with
 * Go's formatting) instead of its own; `hostBuiltins()` answers to both names.
 */
export function hostBuiltinName(name: string): string {
  return SDK_SHADOWED_BUILTINS.includes(name) ? `portcullis.${name}` : name;
}

/** The Rego builtin a listed name stands for (`portcullis.exact.sprintf` → `sprintf`). */
export function regoBuiltinName(listed: string): string {
  if (listed.startsWith(EXACT_PREFIX)) return listed.slice(EXACT_PREFIX.length);
  return listed.startsWith('portcullis.') ? listed.slice('portcullis.'.length) : listed;
}

function textResult(text: string): ArrayBuffer {
  const bytes = new TextEncoder().encode(text);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Encodes a result for the SDK: plain values as-is, bigint-bearing values as exact JSON text. */
export function toSdkResult(result: unknown): unknown {
  if (result === undefined) return undefined;
  if (!containsBigInt(result)) return result;
  return textResult(toJSONText(result as Value));
}

/** A set result (an array here) as a Rego set literal: `{1, 2}`, or `set()` when empty. */
export function toSetLiteral(result: unknown): unknown {
  if (!Array.isArray(result)) return toSdkResult(result);
  return textResult(toValueText(result as Value[], true));
}

/** One exact-convention call: value-text strings in, value text (or `undefined`) out. */
function callExact(name: string, texts: unknown[]): string | undefined {
  const args = texts.map((text) => {
    if (typeof text !== 'string') {
      throw new BuiltinError(
        'eval_builtin_error',
        name,
        `exact call: argument is ${typeof text}, not value text`,
      );
    }
    try {
      return parseValueText(text);
    } catch (err) {
      throw new BuiltinError('eval_builtin_error', name, `exact call: ${(err as Error).message}`, {
        cause: err,
      });
    }
  });
  const result = callBuiltin(name, args);
  return result === undefined ? undefined : toValueText(result as Value, returnsSet(name));
}

function formatPrintArg(arg: unknown): string {
  return typeof arg === 'string' ? arg : JSON.stringify(arg);
}

/**
 * The builtins table for `loadPolicy`, with every implementation loaded so
 * far (restricted to `options.names` when given). Import index.ts, which
 * loads every topic, or use {@link loadHostBuiltins}.
 */
export function hostBuiltins(
  options: HostBuiltinOptions = {},
): Record<string, (...args: unknown[]) => unknown> {
  const strict = options.strict ?? false;
  const printLine = options.print ?? ((line: string) => process.stderr.write(`${line}\n`));
  const names = (options.names ?? implementedNames()).map(regoBuiltinName);
  const table: Record<string, (...args: unknown[]) => unknown> = {};
  for (const name of names) {
    if (!hostImplementation(name)) continue;
    const encode = options.setResults === 'rego-text' && returnsSet(name) ? toSetLiteral : toSdkResult;
    const guarded =
      (run: (args: unknown[]) => unknown) =>
      (...args: unknown[]) => {
        try {
          return withContextProvider(options.context, () => run(args));
        } catch (err) {
          if (strict) throw err;
          return undefined;
        }
      };
    const call = guarded((args) => encode(callBuiltin(name, args)));
    table[name] = call;
    table[hostBuiltinName(name)] = call;
    if (usesExactConvention(name)) table[exactHostName(name)] = guarded((args) => callExact(name, args));
  }
  table.print = (...args: unknown[]) => {
    printLine(args.map(formatPrintArg).join(' '));
    return true;
  };
  // What compiled `print()` calls become (compile option `print`); never fails the body.
  const internalPrint = (args: () => unknown[]) => {
    try {
      for (const line of printLines(args())) printLine(line);
    } catch (err) {
      if (strict) throw err;
    }
    return true;
  };
  table['internal.print'] = (...args: unknown[]) => internalPrint(() => args);
  table[exactHostName('internal.print')] = (...texts: unknown[]) =>
    toValueText(internalPrint(() => texts.map((text) => parseValueText(String(text)))));
  return table;
}

/**
 * {@link hostBuiltins} after loading the topic files implementing
 * `options.names` (a module's builtins, as listed or as Rego names), or
 * every topic when no names are given. What a short-lived host (the CLI)
 * uses: it imports only the builtins its module calls.
 */
export async function loadHostBuiltins(
  options: HostBuiltinOptions = {},
): Promise<Record<string, (...args: unknown[]) => unknown>> {
  await loadImplementations(options.names?.map(regoBuiltinName));
  return hostBuiltins(options);
}
