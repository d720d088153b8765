// The answer of a native that leaves the call to the host builtin of the same name (natives listed
// with `hostFallback` in ../natives.ts): never a value address, since values are 8-aligned.
export const HOST_FALLBACK: usize = 1;
