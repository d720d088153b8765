// Host imports. AssemblyScript imports a declared function from the module named after its file: `env`.

/** Reports a fatal error (NUL-terminated message) to the host, which throws. */
export declare function opa_abort(addr: usize): void;
