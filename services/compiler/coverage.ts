/**
 * Test coverage as OPA reports it (`opa test --coverage`): a line is
 * covered when an expression on it was evaluated or a rule whose head is on
 * it produced a value; it is not covered when it holds an expression or a
 * rule head that never did. Compiled policies have no tracer, so the
 * modules are instrumented instead: before every expression, and at the end
 * of every rule body, a `trace` call with a probe note is inserted; the
 * test runner answers those calls itself and records the probe.
 *
 * Differences from OPA's tracer: an expression the compiler moves later in
 * its body (to bind a variable it needs first) is counted where it was
 * written, so a line may show as covered when a body failed between the two
 * positions.
 */
import type { Body, Expr, Location, Module, Rule, Term } from './rego/ast.js';

/** OPA's report shape (`cover.Report`). */
export interface CoverageRange {
  start: { row: number };
  end: { row: number };
}

export interface FileCoverage {
  covered?: CoverageRange[];
  not_covered?: CoverageRange[];
  covered_lines?: number;
  not_covered_lines?: number;
  coverage?: number;
}

export interface CoverageReport {
  files: Record<string, FileCoverage>;
  covered_lines: number;
  not_covered_lines: number;
  coverage: number;
}

/** Coverage of one rule (all its definitions under one path), for the per-rule summary. */
export interface RuleCoverage {
  file: string;
  /** `data.pkg.rule` */
  rule: string;
  /** Row of the first definition. */
  row: number;
  covered_lines: number;
  not_covered_lines: number;
  coverage: number;
}

/** Marks a `trace` note as a coverage probe; no note a policy writes starts with a NUL character. */
const PROBE_PREFIX = '\u0000portcullis-cover:';

/** Where a probe sits: a file and a row. */
export interface Probe {
  file: string;
  row: number;
}

/** Modules with probes, and what each probe stands for (by index). */
export interface InstrumentedModules {
  modules: Module[];
  probes: Probe[];
  /** Every row that holds an expression or a rule head, per file: what can be covered. */
  coverable: Map<string, Set<number>>;
  /** Rows of each rule's definitions, for the per-rule summary. */
  rules: { file: string; rule: string; row: number; rows: Set<number> }[];
}

/** The probe number a `trace` note carries, or undefined for a note the policy wrote itself. */
export function probeIndex(note: unknown): number | undefined {
  if (typeof note !== 'string' || !note.startsWith(PROBE_PREFIX)) return undefined;
  return Number(note.slice(PROBE_PREFIX.length));
}

function isSomeDecl(expr: Expr): boolean {
  return !Array.isArray(expr.terms) && (expr.terms as { type: string }).type === 'some';
}

class Instrumenter {
  /** Rows seen while walking the current rule. */
  private ruleRows?: Set<number>;

  constructor(
    private readonly file: string,
    private readonly probes: Probe[],
    private readonly coverable: Map<string, Set<number>>,
  ) {}

  private note(location: Location | undefined): number | undefined {
    const row = location?.row;
    if (row === undefined) return undefined;
    let rows = this.coverable.get(this.file);
    if (!rows) this.coverable.set(this.file, (rows = new Set()));
    rows.add(row);
    this.ruleRows?.add(row);
    return row;
  }

  private probe(row: number, location: Location | undefined): Expr {
    const index = this.probes.push({ file: this.file, row }) - 1;
    const at = location ? { location } : {};
    return {
      index: 0,
      terms: [
        { type: 'ref', value: [{ type: 'var', value: 'trace', ...at }], ...at },
        { type: 'string', value: `${PROBE_PREFIX}${index}`, ...at },
      ],
      ...at,
    };
  }

  body(body: Body, headLocation?: Location): Body {
    const out: Body = [];
    for (const expr of body) {
      const rewritten = this.expr(expr);
      // `some x` declares; OPA leaves declarations out of the report.
      if (!isSomeDecl(expr)) {
        const row = this.note(expr.location);
        if (row !== undefined) out.push(this.probe(row, expr.location));
      }
      out.push(rewritten);
    }
    const headRow = headLocation ? this.note(headLocation) : undefined;
    if (headRow !== undefined) out.push(this.probe(headRow, headLocation));
    return out.map((expr, index) => ({ ...expr, index }));
  }

  private expr(expr: Expr): Expr {
    const terms = expr.terms;
    let mapped: Expr['terms'];
    if (Array.isArray(terms)) mapped = terms.map((t) => this.term(t));
    else if (terms.type === 'some') mapped = { ...terms, symbols: terms.symbols.map((t) => this.term(t)) };
    else if (terms.type === 'every') {
      mapped = { ...terms, domain: this.term(terms.domain), body: this.body(terms.body) };
    } else mapped = this.term(terms);
    const withs = expr.with?.map((w) => ({ ...w, target: this.term(w.target), value: this.term(w.value) }));
    return { ...expr, terms: mapped, ...(withs ? { with: withs } : {}) };
  }

  private term(term: Term): Term {
    switch (term.type) {
      case 'ref':
      case 'array':
      case 'set':
      case 'call':
        return { ...term, value: term.value.map((t) => this.term(t)) } as Term;
      case 'object':
        return { ...term, value: term.value.map(([k, v]) => [this.term(k), this.term(v)] as [Term, Term]) };
      case 'arraycomprehension':
      case 'setcomprehension':
        return {
          ...term,
          value: { term: this.term(term.value.term), body: this.body(term.value.body) },
        } as Term;
      case 'objectcomprehension':
        return {
          ...term,
          value: {
            key: this.term(term.value.key),
            value: this.term(term.value.value),
            body: this.body(term.value.body),
          },
        };
      default:
        return term;
    }
  }

  rule(rule: Rule, rows: Set<number>): Rule {
    this.ruleRows = rows;
    const head = rule.head.location ?? rule.location;
    const out: Rule = {
      ...rule,
      head: {
        ...rule.head,
        ...(rule.head.value ? { value: this.term(rule.head.value) } : {}),
        ...(rule.head.key ? { key: this.term(rule.head.key) } : {}),
      },
      body: this.body(rule.body, head),
    };
    if (rule.else) out.else = this.rule(rule.else, rows);
    this.ruleRows = undefined;
    return out;
  }
}

function ruleName(module: Module, rule: Rule): string {
  const parts = module.package.path.value.slice(1).map((t) => (t.type === 'string' ? t.value : '?'));
  for (const [i, t] of rule.head.ref.value.entries()) {
    if (i === 0 && t.type === 'var') parts.push(t.value);
    else if (t.type === 'string') parts.push(t.value);
    else break;
  }
  return `data.${parts.join('.')}`;
}

/** Copies of the modules with a probe before every expression and at the end of every rule body. */
export function instrumentModules(modules: Module[]): InstrumentedModules {
  const probes: Probe[] = [];
  const coverable = new Map<string, Set<number>>();
  const rules: InstrumentedModules['rules'] = [];
  const byName = new Map<string, InstrumentedModules['rules'][number]>();
  const out = modules.map((module) => {
    const instrumenter = new Instrumenter(module.file, probes, coverable);
    const instrumented = module.rules.map((rule) => {
      const name = ruleName(module, rule);
      const key = `${module.file}\u0000${name}`;
      let entry = byName.get(key);
      if (!entry) {
        entry = { file: module.file, rule: name, row: rule.location?.row ?? 0, rows: new Set() };
        byName.set(key, entry);
        rules.push(entry);
      }
      return instrumenter.rule(rule, entry.rows);
    });
    return { ...module, rules: instrumented };
  });
  return { modules: out, probes, coverable, rules };
}

function toRanges(rows: number[]): CoverageRange[] {
  const ranges: CoverageRange[] = [];
  for (const row of [...rows].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1];
    if (last && row === last.end.row) continue;
    if (last && row === last.end.row + 1) last.end.row = row;
    else ranges.push({ start: { row }, end: { row } });
  }
  return ranges;
}

function percent(covered: number, notCovered: number): number {
  const total = covered + notCovered;
  return total === 0 ? 0 : (100 * covered) / total;
}

/** OPA's report from the probes that fired. */
export function coverageReport(instrumented: InstrumentedModules, hits: Set<number>): CoverageReport {
  const coveredRows = new Map<string, Set<number>>();
  for (const index of hits) {
    const probe = instrumented.probes[index];
    if (!probe) continue;
    let rows = coveredRows.get(probe.file);
    if (!rows) coveredRows.set(probe.file, (rows = new Set()));
    rows.add(probe.row);
  }
  const report: CoverageReport = { files: {}, covered_lines: 0, not_covered_lines: 0, coverage: 0 };
  const files = [...new Set([...instrumented.coverable.keys(), ...coveredRows.keys()])].sort();
  for (const file of files) {
    const covered = [...(coveredRows.get(file) ?? [])];
    const notCovered = [...(instrumented.coverable.get(file) ?? [])].filter(
      (row) => !coveredRows.get(file)?.has(row),
    );
    const entry: FileCoverage = {};
    const coveredRanges = toRanges(covered);
    const notCoveredRanges = toRanges(notCovered);
    const lines = (ranges: CoverageRange[]) => ranges.reduce((n, r) => n + r.end.row - r.start.row + 1, 0);
    const coveredLines = lines(coveredRanges);
    const notCoveredLines = lines(notCoveredRanges);
    // OPA leaves empty and zero fields out of a file's entry.
    if (coveredRanges.length) entry.covered = coveredRanges;
    if (notCoveredRanges.length) entry.not_covered = notCoveredRanges;
    if (coveredLines) entry.covered_lines = coveredLines;
    if (notCoveredLines) entry.not_covered_lines = notCoveredLines;
    const coverage = percent(coveredLines, notCoveredLines);
    if (coverage) entry.coverage = coverage;
    report.files[file] = entry;
    report.covered_lines += coveredLines;
    report.not_covered_lines += notCoveredLines;
  }
  report.coverage = percent(report.covered_lines, report.not_covered_lines);
  return report;
}

/** Coverage of each rule: the rows of its definitions that ran, over those that could. */
export function ruleCoverage(instrumented: InstrumentedModules, hits: Set<number>): RuleCoverage[] {
  const covered = new Map<string, Set<number>>();
  for (const index of hits) {
    const probe = instrumented.probes[index];
    if (!probe) continue;
    let rows = covered.get(probe.file);
    if (!rows) covered.set(probe.file, (rows = new Set()));
    rows.add(probe.row);
  }
  return instrumented.rules.map(({ file, rule, row, rows }) => {
    const ran = [...rows].filter((r) => covered.get(file)?.has(r)).length;
    const missed = rows.size - ran;
    return { file, rule, row, covered_lines: ran, not_covered_lines: missed, coverage: percent(ran, missed) };
  });
}
