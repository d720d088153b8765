/**
 * Stage CheckRecursion (OPA's `checkRecursion`): builds the graph of rule
 * sets (by path) that each rule set may read and reports every cycle as
 * `rego_recursion_error: rule data.x.p is recursive: data.x.p -> data.x.p`.
 */
import type { RegoError } from '../errors.js';
import type { Body, Expr, Rule, Term } from '../rego/ast.js';
import type { CompileState, CompiledRule } from './types.js';
import { groundPrefixLength } from './rules.js';
import { isCallExpr, isEveryExpr, isSomeExpr, refToString } from './terms.js';

interface Node {
  key: string;
  path: string[];
  rules: CompiledRule[];
}

/** The ground (string) part of a rule path, without `data`. */
export function stringPath(ref: Term[]): string[] {
  const n = groundPrefixLength(ref);
  return ref.slice(1, n).map((t) => (t as { value: string }).value);
}

/** Whether reading `ref` (a data ref, without `data`) may evaluate rules at `path`. */
export function reaches(ref: Term[], path: string[]): boolean {
  for (let i = 0; i < path.length && i < ref.length; i++) {
    const op = ref[i];
    if (op.type === 'string') {
      if (op.value !== path[i]) return false;
    } else if (op.type !== 'var') {
      return false;
    }
  }
  return true;
}

/** Every `data` ref (as a string path prefix) read by a rule, including call operators. */
export function dataRefs(rule: Rule): Term[][] {
  const out: Term[][] = [];
  const term = (t: Term): void => {
    switch (t.type) {
      case 'ref':
        if (t.value[0].type === 'var' && t.value[0].value === 'data') out.push(t.value.slice(1));
        t.value.forEach(term);
        break;
      case 'array':
      case 'set':
      case 'call':
        t.value.forEach(term);
        break;
      case 'object':
        t.value.forEach(([k, v]) => {
          term(k);
          term(v);
        });
        break;
      case 'arraycomprehension':
      case 'setcomprehension':
        term(t.value.term);
        body(t.value.body);
        break;
      case 'objectcomprehension':
        term(t.value.key);
        term(t.value.value);
        body(t.value.body);
        break;
      default:
        break;
    }
  };
  const expr = (e: Expr): void => {
    if (isCallExpr(e)) e.terms.forEach(term);
    else if (isSomeExpr(e)) e.terms.symbols.forEach(term);
    else if (isEveryExpr(e)) {
      term(e.terms.domain);
      body(e.terms.body);
    } else term(e.terms as Term);
    for (const w of e.with ?? []) term(w.value);
  };
  const body = (b: Body): void => b.forEach(expr);
  for (let r: Rule | undefined = rule; r; r = r.else) {
    body(r.body);
    if (r.head.key) term(r.head.key);
    if (r.head.value) term(r.head.value);
    r.head.ref.value.slice(1).forEach(term);
  }
  return out;
}

export function checkRecursion(state: CompileState): void {
  const nodes = new Map<string, Node>();
  for (const r of state.rules) {
    const path = stringPath(r.ref);
    const key = ['data', ...path].join('.');
    const node = nodes.get(key) ?? { key, path, rules: [] };
    node.rules.push(r);
    nodes.set(key, node);
  }
  const all = [...nodes.values()];
  const edges = new Map<string, string[]>();
  for (const node of all) {
    const targets = new Set<string>();
    for (const r of node.rules) {
      for (const ref of dataRefs(r.rule)) {
        for (const other of all) if (reaches(ref, other.path)) targets.add(other.key);
      }
    }
    edges.set(node.key, [...targets].sort());
  }
  const errors: RegoError[] = [];
  const reported = new Set<string>();
  for (const start of all) {
    const cycle = findCycle(start.key, edges);
    if (!cycle || reported.has(start.key)) continue;
    reported.add(start.key);
    const rule = start.rules[0];
    errors.push({
      code: 'rego_recursion_error',
      message: `rule ${refToString(rule.ref.slice(0, groundPrefixLength(rule.ref)))} is recursive: ${cycle.join(' -> ')}`,
      location: rule.rule.location ?? rule.rule.head.location,
    });
  }
  state.errors.push(...errors);
}

/** Shortest path from `start` back to itself, or undefined. */
function findCycle(start: string, edges: Map<string, string[]>): string[] | undefined {
  const prev = new Map<string, string>();
  const queue = [...(edges.get(start) ?? [])];
  for (const q of queue) prev.set(q, start);
  const seen = new Set(queue);
  while (queue.length > 0) {
    const cur = queue.shift()!;
    if (cur === start) {
      const path = [start];
      let at = prev.get(start)!;
      while (at !== start) {
        path.unshift(at);
        at = prev.get(at)!;
      }
      return [start, ...path];
    }
    for (const next of edges.get(cur) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        prev.set(next, cur);
        queue.push(next);
      }
    }
  }
  return undefined;
}
