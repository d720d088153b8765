/**
 * Lifts literal builtin calls out of OPA's conformance cases
 * (`../shared/opa-conformance/v1`): cases whose query is `data.<pkg>.p = x`
 * and whose rule `p` is a body of calls on literals, `input`/`data`
 * references, one-line constants of the module and earlier results, such as
 * `x := strings.replace_n({"a": "b"}, "abc")` or `to_number(input.n, x)`.
 * Anything else (comprehensions, operators, other rules) is left out.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LiteralReader, NotLiteral } from './rego-literals.js';
import type { RefResolver } from './rego-literals.js';
import { isObject } from '../../../../services/compiler/builtins/values.js';
import type { Value } from '../../../../services/compiler/builtins/index.js';

export const CONFORMANCE_DIR = join(process.cwd(), '..', 'shared', 'opa-conformance', 'v1');

export type LiftedTerm = { kind: 'lit'; value: Value } | { kind: 'var'; name: string };

export interface LiteralCall {
  name: string;
  args: LiftedTerm[];
  /** Variable the result is bound to, if any. */
  out?: string;
  /** Variables an array result is destructured into (`f(a, [x, y])`). */
  outPattern?: string[];
  /** A term in the output position: the call holds only if the result equals it. */
  expected?: LiftedTerm;
}

export type LiftedStatement =
  { kind: 'call'; call: LiteralCall } | { kind: 'bind'; name: string; term: LiftedTerm };

export interface LiftedCase {
  note: string;
  file: string;
  statements: LiftedStatement[];
  /** The rule's value: a variable, an array of variables, or `true` for `p if { ... }`. */
  head: { kind: 'var'; name: string } | { kind: 'vars'; names: string[] } | { kind: 'true' };
  wantDefined: boolean;
  want?: Value;
  wantErrorCode?: string;
  wantError?: string;
}

interface RawCase {
  note: string;
  query: string;
  modules?: string[];
  data?: unknown;
  input?: unknown;
  input_term?: string;
  want_result?: Record<string, Value>[];
  want_error_code?: string;
  want_error?: string;
}

/** Every module text of every case, for scanning builtin names. */
export function allConformanceModules(): string[] {
  const out: string[] = [];
  for (const c of readAllCases()) out.push(...(c.raw.modules ?? []));
  return out;
}

function readAllCases(): { raw: RawCase; file: string }[] {
  const out: { raw: RawCase; file: string }[] = [];
  for (const topic of readdirSync(CONFORMANCE_DIR).sort()) {
    for (const name of readdirSync(join(CONFORMANCE_DIR, topic)).sort()) {
      if (!name.endsWith('.yaml')) continue;
      const file = join(topic, name);
      const doc = parse(readFileSync(join(CONFORMANCE_DIR, file), 'utf8'), { intAsBigInt: true }) as {
        cases?: RawCase[];
      };
      for (const raw of doc.cases ?? []) out.push({ raw, file });
    }
  }
  return out;
}

/** YAML big-int parsing gives bigints everywhere; builtins see JS numbers where they are exact. */
function fromYaml(v: unknown): Value {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  if (Array.isArray(v)) return v.map(fromYaml);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromYaml(x)]));
  return v as Value;
}

const CALL_START = /^([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\(/;

class Lifter {
  readonly bound = new Set<string>();

  constructor(private readonly resolve: RefResolver) {}

  term(reader: LiteralReader): LiftedTerm | { kind: 'unbound'; name: string } {
    const id = reader.identifier();
    if (id === undefined) return { kind: 'lit', value: reader.value() };
    return this.bound.has(id) ? { kind: 'var', name: id } : { kind: 'unbound', name: id };
  }

  call(text: string): LiteralCall | undefined {
    const m = CALL_START.exec(text);
    if (!m || ['data', 'input'].includes(m[1].split('.')[0])) return undefined;
    const reader = new LiteralReader(text.slice(m[0].length), this.resolve);
    const args: LiftedTerm[] = [];
    let out: string | undefined;
    let outPattern: string[] | undefined;
    while (reader.peek() !== ')') {
      outPattern = reader.variablePattern((n) => !this.bound.has(n));
      if (outPattern) break;
      const t = this.term(reader);
      if (t.kind === 'unbound') {
        out = t.name;
        break;
      }
      args.push(t);
      if (reader.peek() === ',') reader.expect(',');
    }
    reader.expect(')');
    if (!reader.atEnd()) return undefined;
    for (const n of outPattern ?? []) this.bound.add(n);
    return { name: m[1], args, out, outPattern };
  }

  statement(line: string): LiftedStatement | undefined {
    const assign = /^([a-z_][a-z0-9_]*)\s*:?=\s*(.+)$/.exec(line);
    if (assign && !CALL_START.test(line)) {
      const call = this.call(assign[2]);
      if (call) {
        if (call.out || call.outPattern) return undefined;
        this.bound.add(assign[1]);
        return { kind: 'call', call: { ...call, out: assign[1] } };
      }
      const reader = new LiteralReader(assign[2], this.resolve);
      const t = this.term(reader);
      if (t.kind === 'unbound' || !reader.atEnd()) return undefined;
      this.bound.add(assign[1]);
      return { kind: 'bind', name: assign[1], term: t };
    }
    const call = this.call(line);
    if (!call) return undefined;
    if (call.out) this.bound.add(call.out);
    return { kind: 'call', call };
  }
}

function parseHead(text: string): LiftedCase['head'] | undefined {
  const t = text.trim();
  if (/^[a-z_][a-z0-9_]*$/.test(t)) return { kind: 'var', name: t };
  const arr = /^\[\s*([a-z_][a-z0-9_]*(?:\s*,\s*[a-z_][a-z0-9_]*)*)\s*\]$/.exec(t);
  if (arr) return { kind: 'vars', names: arr[1].split(',').map((s) => s.trim()) };
  return undefined;
}

function liftModule(
  module: string,
  caseData: Value,
  input: Value | undefined,
): Pick<LiftedCase, 'statements' | 'head'> | undefined {
  const lines = module.split('\n').map((l) => l.trim());
  const pkg = /^package\s+([a-z0-9_.]+)/m.exec(module)?.[1];
  const body = lines.filter(
    (l) => l !== '' && !l.startsWith('package ') && !l.startsWith('import ') && !l.startsWith('#'),
  );
  const constants: Record<string, Value> = {};
  const resolve: RefResolver = (root, path) => {
    let cur: Value | undefined = root === 'input' ? input : caseData;
    let segments = path;
    if (root === 'data' && pkg && path.join('.').startsWith(`${pkg}.`)) {
      const rest = path.slice(pkg.split('.').length);
      if (rest.length > 0 && rest[0] in constants) {
        cur = constants[rest[0]];
        segments = rest.slice(1);
      }
    }
    for (const seg of segments) {
      if (isObject(cur) && seg in cur) cur = cur[seg];
      else if (Array.isArray(cur) && /^\d+$/.test(seg) && Number(seg) < cur.length) cur = cur[Number(seg)];
      else return undefined;
    }
    return cur;
  };
  const lifter = new Lifter(resolve);
  const start = body.findIndex((l) => /^p\b/.test(l));
  if (start < 0) return undefined;
  // Constants before the rule may span lines: read them as one text.
  const prelude = body.slice(0, start).join('\n');
  let rest = prelude;
  while (rest.trim() !== '') {
    const c = /^\s*([a-z_][a-z0-9_]*)\s*:?=\s*/.exec(rest);
    if (!c) return undefined;
    const reader = new LiteralReader(rest.slice(c[0].length), resolve);
    constants[c[1]] = reader.value();
    rest = reader.remaining();
  }
  const statements: LiftedStatement[] = Object.entries(constants).map(([name, value]) => {
    lifter.bound.add(name);
    return { kind: 'bind', name, term: { kind: 'lit', value } };
  });
  const rule = body.slice(start);
  const oneLine = /^p\s*:?=\s*(.+)$/.exec(rule[0]);
  if (rule.length === 1 && oneLine) {
    const call = lifter.call(oneLine[1]);
    if (!call || call.out || call.outPattern) return undefined;
    statements.push({ kind: 'call', call: { ...call, out: '__value' } });
    return { statements, head: { kind: 'var', name: '__value' } };
  }
  let head: LiftedCase['head'] | undefined;
  const valued = /^p\s*:?=\s*(.+?)\s+if\s*\{$/.exec(rule[0]);
  if (valued) head = parseHead(valued[1]);
  else if (/^p\s+if\s*\{$/.test(rule[0])) head = { kind: 'true' };
  if (!head || rule[rule.length - 1] !== '}') return undefined;
  let calls = 0;
  for (const line of rule.slice(1, -1)) {
    const st = lifter.statement(line);
    if (!st) return undefined;
    if (st.kind === 'call') calls++;
    statements.push(st);
  }
  return calls > 0 ? { statements, head } : undefined;
}

export function liftedConformanceCases(): LiftedCase[] {
  const out: LiftedCase[] = [];
  for (const { raw, file } of readAllCases()) {
    if (raw.modules?.length !== 1) continue;
    const query = /^data\.[a-z0-9_.]+\.p\s*=\s*([a-z_][a-z0-9_]*)$/.exec(raw.query.trim());
    if (!query) continue;
    if (raw.want_error_code?.startsWith('rego_')) continue;
    let lifted: Pick<LiftedCase, 'statements' | 'head'> | undefined;
    try {
      const input =
        raw.input_term !== undefined
          ? new LiteralReader(raw.input_term).value()
          : raw.input === undefined
            ? undefined
            : fromYaml(raw.input);
      lifted = liftModule(raw.modules[0], fromYaml(raw.data ?? {}), input);
    } catch (err) {
      if (err instanceof NotLiteral) continue;
      throw err;
    }
    if (!lifted) continue;
    const results = raw.want_result ?? [];
    out.push({
      note: raw.note,
      file,
      ...lifted,
      wantDefined: results.length > 0,
      want: results.length > 0 ? results[0][query[1]] : undefined,
      wantErrorCode: raw.want_error_code,
      wantError: raw.want_error,
    });
  }
  return out;
}
