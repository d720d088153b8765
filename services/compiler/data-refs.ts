/**
 * Finds the places where a policy reads a `data` path that nothing provides:
 * no rule or package defines it, no loaded data file holds it, and no `with`
 * replaces it. Such a read is always undefined, which usually means a data
 * file was loaded at the wrong path (OPA places a data file at its
 * directory relative to the path given), so `test`, `eval` and `check`
 * warn about it.
 */
import type { Body, Expr, Location, Module, Term } from './rego/ast.js';
import { packagePath } from './compile/resolve.js';

export interface MissingDataRead {
  /** The path read, e.g. `["gateway", "config"]` for `data.gateway.config`. */
  path: string[];
  /** The first place it is read. */
  location?: Location;
  /**
   * The longest part of the path that does exist under some other prefix
   * (`["config"]` when `data.config` exists): a hint that the data file
   * was loaded at the wrong directory.
   */
  foundAt?: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `data` holds something at `path` (or the path runs into a value that is not an object). */
function inData(data: unknown, path: string[]): boolean {
  let node = data;
  for (const segment of path) {
    if (isObject(node)) {
      if (!Object.prototype.hasOwnProperty.call(node, segment)) return false;
      node = node[segment];
    } else if (Array.isArray(node)) {
      const index = Number(segment);
      if (!Number.isInteger(index) || index < 0 || index >= node.length) return false;
      node = node[index];
    } else {
      // Below a scalar: a different kind of mistake, not a missing file.
      return true;
    }
  }
  return true;
}

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/** The ground prefix of a ref's parts after its head, as strings (numbers as their text). */
function groundParts(parts: Term[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (part.type === 'string') out.push(part.value);
    else if (part.type === 'number') out.push(part.value);
    else break;
  }
  return out;
}

class Reads {
  readonly found: { path: string[]; location?: Location }[] = [];
  /** Paths replaced by `with data.… as` somewhere. */
  readonly mocked: string[][] = [];
  private aliases = new Map<string, string[]>();

  module(module: Module): void {
    this.aliases = new Map();
    for (const imp of module.imports) {
      const parts = imp.path.value;
      if (parts[0]?.type !== 'var' || parts[0].value !== 'data') continue;
      const path = groundParts(parts.slice(1));
      const last = parts[parts.length - 1];
      const name = imp.alias ?? (last.type === 'string' ? last.value : undefined);
      if (name) this.aliases.set(name, path);
    }
    for (const rule of module.rules) {
      for (let r: typeof rule | undefined = rule; r; r = r.else) {
        for (const t of [r.head.key, r.head.value, ...(r.head.args ?? [])]) if (t) this.term(t);
        this.body(r.body);
      }
    }
  }

  private body(body: Body): void {
    for (const expr of body) this.expr(expr);
  }

  private expr(expr: Expr): void {
    const terms = expr.terms;
    if (Array.isArray(terms)) terms.forEach((t) => this.term(t));
    else if (terms.type === 'some') terms.symbols.forEach((t) => this.term(t));
    else if (terms.type === 'every') {
      this.term(terms.domain);
      this.body(terms.body);
    } else this.term(terms);
    for (const w of expr.with ?? []) {
      const target = this.dataPath(w.target);
      if (target) this.mocked.push(target);
      this.term(w.value);
    }
  }

  /** The data path a ref reads (through an import alias), if it reads data. */
  private dataPath(term: Term): string[] | undefined {
    if (term.type !== 'ref' || term.value[0]?.type !== 'var') return undefined;
    const head = term.value[0].value;
    if (head === 'data') return groundParts(term.value.slice(1));
    const alias = this.aliases.get(head);
    return alias ? [...alias, ...groundParts(term.value.slice(1))] : undefined;
  }

  private term(term: Term): void {
    const path = this.dataPath(term);
    if (path) this.found.push({ path, location: term.location });
    switch (term.type) {
      case 'ref':
        term.value.slice(1).forEach((t) => this.term(t));
        if (!path) this.term(term.value[0]);
        break;
      case 'array':
      case 'set':
      case 'call':
        term.value.forEach((t) => this.term(t));
        break;
      case 'object':
        term.value.forEach(([k, v]) => {
          this.term(k);
          this.term(v);
        });
        break;
      case 'arraycomprehension':
      case 'setcomprehension':
        this.term(term.value.term);
        this.body(term.value.body);
        break;
      case 'objectcomprehension':
        this.term(term.value.key);
        this.term(term.value.value);
        this.body(term.value.body);
        break;
      default:
        break;
    }
  }
}

/** Paths every rule defines (package + ground head ref), and every package path. */
function virtualPaths(modules: Module[]): { rules: string[][]; packages: string[][] } {
  const rules: string[][] = [];
  const packages: string[][] = [];
  for (const module of modules) {
    const pkg = packagePath(module);
    packages.push(pkg);
    for (const rule of module.rules) {
      const [first, ...rest] = rule.head.ref.value;
      if (first?.type !== 'var') continue;
      rules.push([...pkg, first.value, ...groundParts(rest)]);
    }
  }
  return { rules, packages };
}

/** The longest tail of `path` that the data holds at its root, if any (at least one segment). */
function misplacedTail(data: Record<string, unknown>, path: string[]): string[] | undefined {
  for (let drop = 1; drop < path.length; drop++) {
    const tail = path.slice(drop);
    if (Object.prototype.hasOwnProperty.call(data, tail[0]) && inData(data, tail)) return tail;
  }
  return undefined;
}

/**
 * What the modules read from `data` and what they provide themselves, as
 * plain data: the part of the check that needs the modules, kept (with the
 * compiled module) by the compile cache so a cached run can warn without
 * parsing.
 */
export interface DataReadSummary {
  /** Every `data` path read, with where. */
  reads: { path: string[]; location?: Location }[];
  /** Paths some `with data.… as` replaces. */
  mocked: string[][];
  /** Paths rules define (package + ground head ref). */
  rules: string[][];
  /** Package paths. */
  packages: string[][];
}

export function dataReadSummary(modules: Module[]): DataReadSummary {
  const reads = new Reads();
  for (const module of modules) reads.module(module);
  const { rules, packages } = virtualPaths(modules);
  const where = ({ file, row, col }: Location) => ({ file, row, col });
  return {
    reads: reads.found.map(({ path, location }) =>
      location ? { path, location: where(location) } : { path },
    ),
    mocked: reads.mocked,
    rules,
    packages,
  };
}

/** Every `data` path the modules read that no rule, package, data file or `with` provides. */
export function missingDataReads(modules: Module[], data: Record<string, unknown>): MissingDataRead[] {
  return missingDataReadsIn(dataReadSummary(modules), data);
}

/** {@link missingDataReads} from a summary of the modules. */
export function missingDataReadsIn(
  summary: DataReadSummary,
  data: Record<string, unknown>,
): MissingDataRead[] {
  const { reads, mocked, rules, packages } = summary;
  const missing = new Map<string, MissingDataRead>();
  for (const { path, location } of reads) {
    // `data` alone, or a read inside or above a rule, is answered by the policy itself.
    if (path.length === 0) continue;
    if (rules.some((rule) => startsWith(path, rule) || startsWith(rule, path))) continue;
    // A package path alone (or a prefix of one) is a document too: its rules.
    if (packages.some((pkg) => startsWith(pkg, path))) continue;
    // A read inside a replaced value is answered by it; replacing a part of a document does not provide the rest.
    if (mocked.some((m) => startsWith(path, m))) continue;
    if (inData(data, path)) continue;
    const key = path.join('\u0000');
    if (missing.has(key)) continue;
    const foundAt = misplacedTail(data, path);
    missing.set(key, { path, location, ...(foundAt ? { foundAt } : {}) });
  }
  // A path below one already named adds nothing.
  const all = [...missing.values()];
  return all.filter((m) => !all.some((o) => o !== m && startsWith(m.path, o.path)));
}

/** The warning lines `test`, `eval` and `check` print for missing reads. */
export function formatMissingDataReads(missing: MissingDataRead[]): string[] {
  return missing.map(({ path, location, foundAt }) => {
    const where = location ? `${location.file}:${location.row}:${location.col}: ` : '';
    const hint = foundAt
      ? `; data.${foundAt.join('.')} exists: a data file is placed at its directory relative to the path given, so load the directory above it`
      : '';
    return `warning: ${where}data.${path.join('.')} is read but no loaded data file, rule or package provides it${hint}`;
  });
}
