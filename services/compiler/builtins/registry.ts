/**
 * Host implementations, registered by builtin name from the topic files.
 * `callBuiltin` runs one and turns whatever it throws into a `BuiltinError`
 * with OPA's code.
 */
import { BuiltinError, BuiltinFailure, BuiltinNotSupportedError, OperandError } from './errors.js';

/** A host implementation: takes the JSON-decoded arguments, returns the result or `undefined`. */
export type HostImplementation = (...args: unknown[]) => unknown;

const implementations = new Map<string, HostImplementation>();
const unsupported = new Map<string, string>();

export function register(impls: Record<string, HostImplementation>): void {
  for (const [name, impl] of Object.entries(impls)) {
    if (implementations.has(name)) throw new Error(`builtin ${name} registered twice`);
    implementations.set(name, impl);
  }
}

/** Records, with a reason, a builtin the host deliberately does not implement. */
export function registerUnsupported(reasons: Record<string, string>): void {
  for (const [name, reason] of Object.entries(reasons)) unsupported.set(name, reason);
}

export function hostImplementation(name: string): HostImplementation | undefined {
  return implementations.get(name);
}

export function implementedNames(): string[] {
  return [...implementations.keys()].sort();
}

export function unsupportedReason(name: string): string | undefined {
  return unsupported.get(name);
}

export function unsupportedBuiltins(): Record<string, string> {
  return Object.fromEntries(unsupported);
}

/** Runs a builtin; throws `BuiltinError` (eval_type_error / eval_builtin_error) on failure. */
export function callBuiltin(name: string, args: unknown[]): unknown {
  const impl = implementations.get(name);
  if (!impl) {
    throw new BuiltinNotSupportedError(name, unsupported.get(name) ?? 'unknown builtin');
  }
  try {
    return impl(...args);
  } catch (err) {
    if (err instanceof BuiltinError) throw err;
    if (err instanceof OperandError)
      throw new BuiltinError('eval_type_error', name, err.message, { cause: err });
    if (err instanceof BuiltinFailure)
      throw new BuiltinError('eval_builtin_error', name, err.message, { cause: err });
    const message = err instanceof Error ? err.message : String(err);
    throw new BuiltinError('eval_builtin_error', name, message, { cause: err });
  }
}
