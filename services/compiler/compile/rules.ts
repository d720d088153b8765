/**
 * Stage GroupRules: turns each module rule into a CompiledRule with its full
 * path and kind, and reports the conflicts OPA's compiler reports (mixed
 * rule kinds on one path, function arity mismatches, several defaults,
 * complete documents with rules below them, defaults with non-ground values).
 */
import type { RegoError } from '../errors.js';
import type { Rule, Term } from '../rego/ast.js';
import type { CompileState, CompiledRule, RuleKind } from './types.js';
import { isGround, refToString } from './terms.js';

/** Number of leading ref terms (including `data`) that are plain strings. */
export function groundPrefixLength(ref: Term[]): number {
  let i = 1;
  while (i < ref.length && ref[i].type === 'string') i++;
  return i;
}

export function ruleKind(rule: Rule): RuleKind {
  if (rule.head.args !== undefined) return 'function';
  if (rule.head.value === undefined && rule.head.key !== undefined) return 'multi';
  return 'single';
}

function conflict(message: string, rule: Rule): RegoError {
  return { code: 'rego_type_error', message, location: rule.location ?? rule.head.location };
}

export function groupRules(state: CompileState): void {
  let order = 0;
  const rules: CompiledRule[] = [];
  for (const mod of state.modules) {
    for (const rule of mod.rules) {
      if (rule.head.value === undefined && rule.head.key === undefined) {
        rule.head.value = { type: 'boolean', value: true, location: rule.head.location };
      }
      for (let e = rule.else; e; e = e.else) {
        if (e.head.value === undefined)
          e.head.value = { type: 'boolean', value: true, location: e.head.location };
        if (e.head.args === undefined && rule.head.args !== undefined) e.head.args = rule.head.args;
      }
      const kind = ruleKind(rule);
      rules.push({
        rule,
        ref: rule.head.ref.value,
        kind,
        arity: rule.head.args?.length ?? 0,
        file: mod.file,
        order: order++,
      });
    }
  }
  state.rules = rules;
  state.errors.push(...checkRuleConflicts(rules));
}

function checkRuleConflicts(rules: CompiledRule[]): RegoError[] {
  const errors: RegoError[] = [];
  const byPath = new Map<string, CompiledRule[]>();
  for (const r of rules) {
    if (r.rule.default && !defaultValueOk(r.rule.head.value!)) {
      errors.push({
        code: 'rego_type_error',
        message: `default rule ${refToString(r.ref)} value cannot contain ${firstNonGround(r.rule.head.value!)}`,
        location: r.rule.location,
      });
    }
    const ground = groundPrefixLength(r.ref) === r.ref.length;
    const key = ground ? refToString(r.ref) : refToString(r.ref.slice(0, groundPrefixLength(r.ref)));
    const list = byPath.get(key) ?? [];
    list.push(r);
    byPath.set(key, list);
  }
  for (const [path, list] of byPath) {
    const kinds = new Set(
      list.map((r) => (r.kind === 'single' && groundPrefixLength(r.ref) < r.ref.length ? 'object' : r.kind)),
    );
    const multiOnObject =
      kinds.size === 2 &&
      kinds.has('object') &&
      kinds.has('multi') &&
      list.every((r) => r.kind !== 'function');
    if (kinds.size > 1 && !multiOnObject) {
      errors.push(conflict(`conflicting rules ${path} found`, list[0].rule));
      continue;
    }
    if (kinds.has('function') && new Set(list.map((r) => r.arity)).size > 1) {
      errors.push(conflict(`conflicting rules ${path} found`, list[0].rule));
    }
    const defaults = list.filter((r) => r.rule.default);
    if (defaults.length > 1) {
      errors.push(conflict(`multiple default rules ${path} found`, defaults[1].rule));
    }
  }
  // A complete document (or function) cannot have rules below it.
  const paths = [...byPath.keys()];
  for (const [path, list] of byPath) {
    const r = list[0];
    if (groundPrefixLength(r.ref) < r.ref.length) continue;
    const below = paths.filter((p) => p.startsWith(`${path}.`) || p.startsWith(`${path}[`));
    if (below.length > 0) {
      errors.push(conflict(`rule ${path} conflicts with [${below.sort().join(' ')}]`, r.rule));
    }
  }
  return errors;
}

function firstNonGround(t: Term): string {
  switch (t.type) {
    case 'array':
    case 'set':
      return t.value.filter((x) => !isGround(x)).map(firstNonGround)[0] ?? t.type;
    case 'object':
      for (const [k, v] of t.value) {
        if (!isGround(k)) return firstNonGround(k);
        if (!isGround(v)) return firstNonGround(v);
      }
      return 'object';
    case 'var':
      return `var ${t.value}`;
    case 'ref':
      return `ref ${refToString(t)}`;
    case 'call':
      return 'call';
    default:
      return t.type;
  }
}

/** Default values may hold comprehensions, but no vars or refs outside them. */
function defaultValueOk(t: Term): boolean {
  switch (t.type) {
    case 'var':
    case 'ref':
    case 'call':
      return false;
    case 'array':
    case 'set':
      return t.value.every(defaultValueOk);
    case 'object':
      return t.value.every(([k, v]) => defaultValueOk(k) && defaultValueOk(v));
    default:
      return true;
  }
}
