import type { Term } from '../../compiler/rego/ast.js';
import { parseModule } from '../../compiler/rego/parser.js';
import type { Generation } from '../eval/generation.js';
import { sourceFilesOf } from '../ondemand/compiler.js';

/**
 * Whether `data.system.log.mask` and `data.system.log.drop` are the same
 * for every event: true when the bundles' Rego sources define package
 * `system.log` with nothing but constant rules (no body, or `true`; a head
 * whose key and value are literals), as the gateway policy's does. Then
 * the decision logger evaluates them once per bundle generation instead of
 * once per decision (a second policy evaluation per decision otherwise).
 * Anything else (a body, a reference, a call, a bundle without sources)
 * is not proven constant, and is evaluated with each event.
 */
export function logRulesAreConstant(generation: Generation): boolean {
  let found = false;
  for (const file of sourceFilesOf(generation.bundles)) {
    // A cheap look before parsing: most modules are not the log package.
    if (!/\bpackage\s+system\.log\b/.test(file.source)) continue;
    let module;
    try {
      module = parseModule(file.source, file.file, { regoVersion: file.regoVersion ?? 'v1' });
    } catch {
      return false;
    }
    const path = module.package.path.value.slice(1).map((t) => (t.type === 'string' ? t.value : ''));
    if (path.join('.') !== 'system.log') continue;
    found = true;
    if (module.imports.some((i) => i.path.value[0]?.type !== 'var' || i.path.value[0].value !== 'rego'))
      return false;
    for (const rule of module.rules) {
      if (rule.else || rule.head.args) return false;
      const body = rule.body;
      const trivial =
        body.length === 0 ||
        (body.length === 1 &&
          !body[0].negated &&
          !body[0].with &&
          !Array.isArray(body[0].terms) &&
          (body[0].terms as Term).type === 'boolean' &&
          (body[0].terms as { value: boolean }).value === true);
      if (!trivial) return false;
      const headTerms = rule.head.ref.value.slice(1);
      if (!headTerms.every((t) => t.type === 'string')) return false;
      for (const term of [rule.head.key, rule.head.value]) if (term && !isLiteral(term)) return false;
    }
  }
  return found;
}

function isLiteral(term: Term): boolean {
  switch (term.type) {
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
      return true;
    case 'array':
    case 'set':
      return term.value.every(isLiteral);
    case 'object':
      return term.value.every(([k, v]) => isLiteral(k) && isLiteral(v));
    default:
      return false;
  }
}
