/**
 * Builtin declarations (OPA's capabilities `decl` JSON, as `builtins/catalog.ts`
 * writes them) read into checker types.
 */
import {
  ANY,
  BOOLEAN,
  NULL,
  NUMBER,
  STRING,
  anyOf,
  arrayType,
  objectType,
  setType,
  type MaybeType,
  type Type,
} from './types.js';

/** Builtins OPA declares without a result (the catalog gives them one for the planner). */
export const VOID_BUILTINS = new Set(['print', 'internal.print', 'internal.test_case']);

type DeclJson = { type?: unknown; [k: string]: unknown } | undefined;

function list(x: unknown): DeclJson[] {
  return Array.isArray(x) ? (x as DeclJson[]) : [];
}

/** One declared type; undefined when the JSON is not a type OPA declares. */
export function fromDeclaredType(decl: unknown): MaybeType {
  const d = decl as DeclJson;
  switch (d?.type) {
    case 'null':
      return NULL;
    case 'boolean':
      return BOOLEAN;
    case 'number':
      return NUMBER;
    case 'string':
      return STRING;
    case 'any': {
      const of = list(d.of)
        .map(fromDeclaredType)
        .filter((t): t is Type => t !== undefined);
      return of.length === 0 ? ANY : anyOf(...of);
    }
    case 'array':
      return arrayType(list(d.static).map(fromDeclaredType), fromDeclaredType(d.dynamic));
    case 'set':
      return setType(fromDeclaredType(d.of));
    case 'object': {
      const statics = list(d.static).map((p) => ({
        key: { type: 'string' as const, value: String((p as { key?: unknown })?.key) },
        value: fromDeclaredType((p as { value?: unknown })?.value),
      }));
      const dyn = d.dynamic as { key?: unknown; value?: unknown } | undefined;
      return objectType(
        statics,
        dyn ? { key: fromDeclaredType(dyn.key), value: fromDeclaredType(dyn.value) } : undefined,
      );
    }
    case 'function': {
      const variadic = fromDeclaredType(d.variadic);
      return {
        type: 'function',
        args: list(d.args).map(fromDeclaredType),
        ...('result' in d ? { result: fromDeclaredType(d.result) } : {}),
        ...(variadic ? { variadic } : {}),
      };
    }
    default:
      return undefined;
  }
}
