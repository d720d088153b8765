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
    const path = stringPath(rule);
    let node: RuleTrie = this;
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

  lookupOrInsert(path: string[]): RuleTrie {
    let node: RuleTrie = this;
    for (const key of path) {
      let child = node.children.get(key);
      if (!child) {
        child = new RuleTrie();
        node.children.set(key, child);
      }
      node = child;
    }
    return node;
  }

  /** The node at `path`, or undefined. */
  lookup(path: string[]): RuleTrie | undefined {
    let node: RuleTrie | undefined = this;
    for (const key of path) {
      node = node.children.get(key);
      if (!node) return undefined;
    }
    return node;
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
    let node: RuleTrie | undefined = this;
    for (const key of path) {
      const next: RuleTrie | undefined = node.children.get(key) ?? node.findShadowedChild(key);
      if (!next) return;
      node = next;
    }
    const saved = node.shadowed.pop();
    if (!saved) return;
    node.rules = saved.rules;
    for (const [k, v] of saved.children) node.children.set(k, v);
  }

  private findShadowedChild(key: string): RuleTrie | undefined {
    for (let i = this.shadowed.length - 1; i >= 0; i--) {
      const c = this.shadowed[i].children.get(key);
      if (c) return c;
    }
    return undefined;
  }
}

function stringPath(rule: CompiledRule): string[] {
  return rule.ref.slice(1, groundPrefixLength(rule.ref)).map((t) => (t as { value: string }).value);
}
