/**
 * Which builtins the runtime implements natively, keyed by Rego name. The
 * runtime's `natives.ts` is the single source of truth; this module only
 * gives the code generator a typed view of it.
 */
import { NATIVE_BUILTINS, type NativeBuiltin } from './runtime/natives.js';

export type { NativeBuiltin };

export type NativeTable = Readonly<Record<string, NativeBuiltin>>;

export const RUNTIME_NATIVES: NativeTable = NATIVE_BUILTINS;
