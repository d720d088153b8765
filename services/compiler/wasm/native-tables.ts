/**
 * Compile-time tables some natives read, passed as their first wasm
 * parameter ahead of the Rego arguments: `regex.match` (and its old name
 * `re_match`) gets the policy's regex table (`regex/table.ts`), built on
 * the first such call from the policy's string constants and placed in its
 * static data; address 0 when no constant is a pattern the table can hold.
 */
import type { CodegenContext } from './context.js';
import type { Expr } from './module.js';
import { buildRegexTable } from './regex/table.js';

const REGEX_NATIVES = new Set(['regex.match', 're_match']);

/** Static-data offset of each context's regex table; -1 when it has none. */
const regexTables = new WeakMap<CodegenContext, number>();

function regexTableAddress(ctx: CodegenContext): Expr {
  let offset = regexTables.get(ctx);
  if (offset === undefined) {
    const table = buildRegexTable(ctx.policy.static.strings.map((s) => s.value));
    offset = table.patterns.length === 0 ? -1 : ctx.data.words(table.words);
    regexTables.set(ctx, offset);
  }
  return offset < 0 ? ctx.m.i32(0) : ctx.staticAddress(offset);
}

/** The leading arguments the native implementing builtin `func` takes before the Rego ones. */
export function nativeTableArgs(ctx: CodegenContext, func: string): Expr[] {
  return REGEX_NATIVES.has(func) ? [regexTableAddress(ctx)] : [];
}
