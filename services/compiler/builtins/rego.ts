/**
 * `rego.parse_module` (OPA `parse.go`): parses with the compiler's own Rego
 * parser and returns the module in OPA's AST JSON shape (package path and
 * rule head refs as term arrays, no locations).
 */
import { RegoCompileError, formatRegoError } from '../errors.js';
import { parseModule } from '../rego/index.js';
import { BuiltinFailure } from './errors.js';
import { stringOperand } from './operands.js';
import { register } from './registry.js';
import { isObject } from './values.js';
import type { Value } from './values.js';

function withoutLocations(v: unknown): Value {
  if (Array.isArray(v)) return v.map(withoutLocations);
  if (isObject(v)) {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k, x]) => k !== 'location' && x !== undefined)
        .map(([k, x]) => [k, withoutLocations(x)]),
    );
  }
  return v as Value;
}

/** OPA writes a package path and a rule head's ref as bare term arrays. */
function opaShape(module: ReturnType<typeof parseModule>): Value {
  const json = withoutLocations(module) as { [k: string]: Value };
  delete json.file;
  const unwrap = (holder: { [k: string]: Value }, key: string) => {
    const ref = holder[key];
    if (isObject(ref) && Array.isArray(ref.value)) holder[key] = ref.value;
  };
  if (isObject(json.package)) unwrap(json.package, 'path');
  for (const rule of json.rules as Value[]) {
    if (isObject(rule) && isObject(rule.head)) unwrap(rule.head, 'ref');
  }
  return json;
}

register('rego', {
  'rego.parse_module'(filename, source) {
    const file = stringOperand(filename, 1);
    const text = stringOperand(source, 2);
    try {
      return opaShape(parseModule(text, file));
    } catch (err) {
      if (!(err instanceof RegoCompileError)) throw err;
      const n = err.errors.length;
      const listed = err.errors.map(formatRegoError);
      throw new BuiltinFailure(
        n === 1 ? `1 error occurred: ${listed[0]}` : `${n} errors occurred:\n${listed.join('\n')}`,
      );
    }
  },
});
