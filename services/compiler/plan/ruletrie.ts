/**
 * The planner's view of the rule tree (OPA's `ruletrie`): rules are keyed
 * by the string prefix of their head ref (`data.test.p` for `p[x] := 1`); a
 * node holding rules with var segments also owns every rule below it, so a
 * single function builds that whole document. `with data.x as v` shadows
 * the rules at and below `x` while the `with` is in effect.
 */
import type { CompiledRule } from '../compile/types.js';
import { groundPrefixLength } from '../compile/rules.js';

export class RuleTrie {
  readonly children = new Map<string, RuleTrie>();
  rules: CompiledRule[] = [];
  private readonly shadowed: { rules: CompiledRule[]; children: Map<string, RuleTrie> }[] = [];

  static build(rules: CompiledRule[], packages: string[][]): RuleTrie {
    const root = new RuleTrie();
    for (const pkg of packages) root.lookupOrInsert(pkg);
    // Object-building rule sets first, so ground rules below them are absorbed.
    const sorted = [...rules].sort(
      (a, b) => stringPath(a).length - stringPath(b).length || a.order - b.order,
    );
    for (const rule of sorted) root.insert(rule);
    return root;
  }

  private insert(rule: CompiledRule): void {
    insertRule(this, rule);
  }

  lookupOrInsert(path: string[]): RuleTrie {
    return descend(this, path, true)!;
  }

  /** The node at `path`, or undefined. */
  lookup(path: string[]): RuleTrie | undefined {
    return descend(this, path, false);
  }

  get(key: string): RuleTrie | undefined {
    return this.children.get(key);
  }

  childKeys(): string[] {
    return [...this.children.keys()].sort();
  }

  descendantRules(): CompiledRule[] {
    const out: CompiledRule[] = [];
    for (const child of this.children.values()) out.push(...child.rules, ...child.descendantRules());
    return out;
  }

  /** Function arity of the rules at this node (0 for documents). */
  arity(): number {
    return this.rules[0]?.arity ?? 0;
  }

  isFunction(): boolean {
    return this.rules.length > 0 && this.rules[0].kind === 'function';
  }

  /** Hides the rules at `path` (for `with data.<path>`); returns false if none exist. */
  push(path: string[]): boolean {
    const node = this.lookup(path);
    if (!node) return false;
    node.shadowed.push({ rules: node.rules, children: new Map(node.children) });
    node.rules = [];
    node.children.clear();
    return true;
  }

  pop(path: string[]): void {
    const node = path.length === 0 ? this : this.childOrShadowed(path[0])?.descendShadowed(path.slice(1));
    const saved = node?.shadowed.pop();
    if (!node || !saved) return;
    node.rules = saved.rules;
    for (const [k, v] of saved.children) node.children.set(k, v);
  }

  private descendShadowed(path: string[]): RuleTrie | undefined {
    if (path.length === 0) return this;
    return this.childOrShadowed(path[0])?.descendShadowed(path.slice(1));
  }

  private childOrShadowed(key: string): RuleTrie | undefined {
    const direct = this.children.get(key);
    if (direct) return direct;
    for (let i = this.shadowed.length - 1; i >= 0; i--) {
      const c = this.shadowed[i].children.get(key);
      if (c) return c;
    }
    return undefined;
  }
}

function descend(root: RuleTrie, path: string[], create: boolean): RuleTrie | undefined {
  let node = root;
  for (const key of path) {
    let child = node.children.get(key);
    if (!child) {
      if (!create) return undefined;
      child = new RuleTrie();
      node.children.set(key, child);
    }
    node = child;
  }
  return node;
}

function insertRule(root: RuleTrie, rule: CompiledRule): void {
  const path = stringPath(rule);
  let node = root;
  for (const key of path) {
    if (node.rules.length > 0 && node.rules.some((r) => groundPrefixLength(r.ref) < r.ref.length)) break;
    let child = node.children.get(key);
    if (!child) {
      child = new RuleTrie();
      node.children.set(key, child);
    }
    node = child;
  }
  if (groundPrefixLength(rule.ref) < rule.ref.length && node.children.size > 0) {
    node.rules = [...node.descendantRules(), ...node.rules];
    node.children.clear();
  }
  node.rules.push(rule);
}

function stringPath(rule: CompiledRule): string[] {
  return rule.ref.slice(1, groundPrefixLength(rule.ref)).map((t) => (t as { value: string }).value);
}
