/**
 * Stage SetAnnotationSet (OPA's `BuildAnnotationSet`): indexes the
 * `# METADATA` blocks the parser attached, across all modules, by rule, by
 * package and by document path, and reports blocks declared twice for one
 * package or path. `chainOf` and `ruleAnnotationsOf` answer what
 * `rego.metadata.chain()` and `rego.metadata.rule()` return.
 */
import type { RegoError } from '../errors.js';
import type { Annotations, Location, Module, Rule } from '../rego/ast.js';
import { packagePath } from './resolve.js';
import { isGround, termToString } from './terms.js';
import type { CompileState } from './types.js';

/** One link of a metadata chain: a rule or package path (without `data`) and its block, if any. */
export interface ChainLink {
  path: string[];
  annotations?: Annotations;
}

export interface AnnotationSet {
  /** `rule`-scoped blocks of each (top-level) rule definition. */
  byRule: Map<Rule, Annotations[]>;
  /** The package of each rule definition. */
  packageOf: Map<Rule, string[]>;
  /** `package`-scoped block per package path. */
  byPackage: Map<string, Annotations>;
  /** `document`- and `subpackages`-scoped blocks per path, as OPA keeps them in one tree. */
  byPath: Map<string, Annotations>;
}

const key = (path: string[]): string => JSON.stringify(path);

/** The path of a resolved rule head up to its first non-ground part, without `data` (OPA's `GroundPrefix`). */
export function ruleDocumentPath(rule: Rule): string[] {
  const path: string[] = [];
  for (const part of rule.head.ref.value.slice(1)) {
    if (!isGround(part)) break;
    path.push(part.type === 'string' ? part.value : termToString(part));
  }
  return path;
}

function where(location: Location | undefined): string {
  return location ? `${location.file}:${location.row}` : 'unknown location';
}

function redeclared(a: Annotations, other: Annotations): RegoError {
  return {
    code: 'rego_type_error',
    message: `${a.scope} annotation redeclared: ${where(other.location)}`,
    location: a.location,
  };
}

/** Builds the set from the resolved rules; the parser has already checked each block's scope. */
export function buildAnnotationSet(
  modules: Module[],
  rules: Rule[],
): { set: AnnotationSet; errors: RegoError[] } {
  const set: AnnotationSet = {
    byRule: new Map(),
    packageOf: new Map(),
    byPackage: new Map(),
    byPath: new Map(),
  };
  const errors: RegoError[] = [];
  const seen = new Set<Annotations>();
  const add = (map: Map<string, Annotations>, path: string[], a: Annotations): void => {
    if (seen.has(a)) return;
    seen.add(a);
    const exist = map.get(key(path));
    if (exist) errors.push(redeclared(a, exist));
    else map.set(key(path), a);
  };

  let next = 0;
  for (const mod of modules) {
    const pkg = packagePath(mod);
    for (const a of mod.package.annotations ?? []) {
      add(a.scope === 'package' ? set.byPackage : set.byPath, pkg, a);
    }
    // GroupRules numbered the rules module by module, in source order.
    for (let i = 0; i < mod.rules.length; i++) {
      const rule = rules[next++];
      set.packageOf.set(rule, pkg);
      for (const a of rule.annotations ?? []) {
        if (a.scope === 'rule') set.byRule.set(rule, [...(set.byRule.get(rule) ?? []), a]);
        // A document block is copied onto every rule of its path in the module: index it once.
        else if (a.scope === 'document') add(set.byPath, ruleDocumentPath(rule), a);
      }
    }
  }
  return { set, errors };
}

/** Rule-scoped blocks of a rule, the one written closest above it first. */
function ruleScope(set: AnnotationSet, rule: Rule): Annotations[] {
  const rows = (a: Annotations): number => a.location?.row ?? 0;
  return [...(set.byRule.get(rule) ?? [])].sort((a, b) => rows(b) - rows(a));
}

/** What `rego.metadata.rule()` returns in `rule`: its closest rule-scoped block, if any. */
export function ruleAnnotationsOf(set: AnnotationSet, rule: Rule): Annotations | undefined {
  return ruleScope(set, rule)[0];
}

/**
 * What `rego.metadata.chain()` returns in `rule`: its rule-scoped blocks
 * (or just its path when it has none), then the document, the package, and
 * the subpackages blocks from the package up to the root.
 */
export function chainOf(set: AnnotationSet, rule: Rule, pkg: string[]): ChainLink[] {
  const docPath = ruleDocumentPath(rule);
  const own = ruleScope(set, rule);
  const chain: ChainLink[] =
    own.length > 0 ? own.map((annotations) => ({ path: docPath, annotations })) : [{ path: docPath }];
  const doc = set.byPath.get(key(docPath));
  if (doc) chain.push({ path: docPath, annotations: doc });
  const pkgBlock = set.byPackage.get(key(pkg));
  if (pkgBlock) chain.push({ path: pkg, annotations: pkgBlock });
  for (let n = pkg.length; n > 0; n--) {
    const sub = set.byPath.get(key(pkg.slice(0, n)));
    if (sub) chain.push({ path: pkg.slice(0, n), annotations: sub });
  }
  return chain;
}

export function setAnnotationSet(state: CompileState): void {
  const { set, errors } = buildAnnotationSet(
    state.modules,
    state.rules.map((r) => r.rule),
  );
  state.annotations = set;
  state.errors.push(...errors);
}
