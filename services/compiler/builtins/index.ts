/**
 * Host builtins for `@open-policy-agent/opa-wasm`: the object a host passes as
 * the third argument of `loadPolicy(wasm, memory, customBuiltins)`. Importing
 * this file loads every topic; `host.ts` (`loadHostBuiltins`) loads only the
 * topics a module calls.
 *
 * How the SDK (1.10) calls them, and what that means here:
 * - Each argument is dumped with `opa_json_dump` and `JSON.parse`d, so sets
 *   arrive as arrays and numbers as JS numbers: integers beyond 2^53 have
 *   already lost precision before the builtin sees them.
 * - The return value goes back through `JSON.stringify` (or, for an
 *   `ArrayBuffer`, as raw JSON text) into `opa_json_parse`. Returning
 *   `undefined` makes the call undefined (the SDK passes address 0). Results
 *   holding bigints are sent as raw JSON text so they stay exact. Sets go back
 *   as sorted arrays: the module converts them when the declared result is a
 *   set (`returnsSet` in catalog.ts).
 * - A thrown value propagates out of the WASM call and out of `evaluate`.
 *   OPA's non-strict mode turns a builtin error into undefined, so by default
 *   errors are swallowed and `undefined` returned; `strict: true` rethrows
 *   the `BuiltinError`.
 * - The SDK's own `sprintf`, `json.is_valid`, `regex.split` and `yaml.*` take
 *   precedence over custom builtins of the same name (`builtinFuncs[name] ||
 *   customBuiltins[name]` in opa.js). A module that lists them under
 *   `hostBuiltinName(name)` (`portcullis.sprintf`) gets ours instead.
 * - Builtins whose arguments can hold sets or numbers, or that answer a
 *   number (`exact.ts`), are also
 *   answered under `portcullis.exact.<name>`: every argument is a string of
 *   Rego value text, parsed exactly (`value-text.ts`), and the result goes
 *   back the same way, for the module to read with `opa_value_parse`.
 */
import { loadImplementations } from './registry.js';

// Every topic, for hosts that may run any module (the decision service, the conformance runner).
await loadImplementations();

export {
  SDK_SHADOWED_BUILTINS,
  hostBuiltinName,
  hostBuiltins,
  loadHostBuiltins,
  regoBuiltinName,
  toSdkResult,
  toSetLiteral,
} from './host.js';
export type { HostBuiltinOptions } from './host.js';
export { allBuiltins, lookupBuiltin, returnsSet } from './catalog.js';
export { EXACT_PREFIX, answersInJson, exactHostName, usesExactConvention } from './exact.js';
export { ValueTextError, parseValueText, toValueText } from './value-text.js';
export type { BuiltinDecl } from './catalog.js';
export type { FunctionType, OpaType } from './types.js';
export { BuiltinError, BuiltinNotSupportedError } from './errors.js';
export type { BuiltinErrorCode } from './errors.js';
export {
  callBuiltin,
  hostImplementation,
  implementedNames,
  isHostImplemented,
  loadImplementations,
  unsupportedBuiltins,
  unsupportedReason,
} from './registry.js';
export { NumberText, SetValue, compareValues, isSet, toSet } from './values.js';
export { freshContext, withContextProvider } from './context.js';
export { useLookupServers } from './net.js';
export type { EvaluationContext } from './context.js';
export type { Value } from './values.js';
