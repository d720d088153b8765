// Types of scripts/build-runtime.js for the TypeScript callers (tests, code generator).
export declare const RUNTIME_DIR: string;
export declare const RUNTIME_SOURCE_DIR: string;
export declare const RUNTIME_WASM_PATH: string;
export declare const RUNTIME_WAT_PATH: string;
/** True when runtime.wasm is missing or older than its sources. */
export declare function runtimeIsStale(): boolean;
/** Compiles the runtime when stale (or always with force); resolves to the path of runtime.wasm. */
export declare function buildRuntime(options?: { force?: boolean }): Promise<string>;
