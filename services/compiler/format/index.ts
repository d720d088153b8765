/**
 * `portcullis fmt`: Rego in OPA's canonical layout (see writer.ts). The
 * module is parsed (so only valid Rego is formatted), then written again
 * from its AST, with the source consulted for what the AST does not keep:
 * comments, how strings were quoted, where composites were broken across
 * lines, and the `rego.v1` / `future.keywords` imports the parser drops.
 */
import type { Module } from '../rego/ast.js';
import { parseModule } from '../rego/parser.js';
import type { RegoVersion } from '../rego/parser-base.js';
import { formatTerm } from '../rego/printer.js';
import { SourceIndex } from './source.js';
import { Writer, type FormatOptions, type ImportLine } from './writer.js';

export interface FormatSourceOptions {
  /**
   * Syntax of the source: `v1`, or `v0` (OPA's `fmt --v0-compatible`: the
   * output stays Rego v0, using `if` and `contains` only where imported).
   * @defaultValue 'v1'
   */
  regoVersion?: RegoVersion;
}

/** The imports the parser reads and drops, found in the tokens: `import rego.v1`, `import future.keywords[.x]`. */
function keywordImports(src: SourceIndex): ImportLine[] {
  const found: ImportLine[] = [];
  src.tokens.forEach((token, i) => {
    if (token.kind !== 'import') return;
    const parts: string[] = [];
    let j = i + 1;
    while (src.tokens[j] && src.tokens[j].row === token.row) {
      const t = src.tokens[j];
      if (t.kind === 'identifier' || (t.kind !== '.' && /^[a-z]+$/.test(t.text))) parts.push(t.text);
      else if (t.kind !== '.') break;
      j++;
    }
    const isRegoV1 = parts.length === 2 && parts[0] === 'rego' && parts[1] === 'v1';
    const isFuture = parts[0] === 'future' && parts[1] === 'keywords';
    if (!isRegoV1 && !isFuture) return;
    found.push({ path: parts.join('.'), parts, location: { file: '', row: token.row, col: token.col } });
  });
  return found;
}

function astImports(module: Module): ImportLine[] {
  return module.imports.map((imp) => ({
    path: formatTerm(imp.path),
    parts: imp.path.value.map((t) => (t.type === 'var' || t.type === 'string' ? t.value : formatTerm(t))),
    ...(imp.alias ? { alias: imp.alias } : {}),
    location: imp.location ?? imp.path.location ?? { file: module.file, row: 0, col: 0 },
  }));
}

/** Formats one module; throws the parser's RegoCompileError when the source is not valid Rego. */
export function formatSource(source: string, file: string, options: FormatSourceOptions = {}): string {
  const regoVersion = options.regoVersion ?? 'v1';
  const module = parseModule(source, file, { regoVersion });
  const src = new SourceIndex(source);
  const special = keywordImports(src);
  const importsRegoV1 = special.some((i) => i.path === 'rego.v1');
  const futures = special.filter((i) => i.parts[0] === 'future').map((i) => i.parts[2] ?? '*');
  const has = (kw: string) => futures.includes('*') || futures.includes(kw);
  const opts: FormatOptions =
    regoVersion === 'v1'
      ? { regoV1: true, ifs: true, contains: true }
      : {
          regoV1: importsRegoV1,
          ifs: importsRegoV1 || has('if'),
          contains: importsRegoV1 || has('contains'),
        };
  // With `import rego.v1`, the future imports say nothing more (OPA drops them).
  const kept = importsRegoV1 ? special.filter((i) => i.parts[0] !== 'future') : special;
  return new Writer(src, opts, module).format(module, [...astImports(module), ...kept], src.comments);
}
