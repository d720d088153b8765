/*
 * Messages between the on-demand compiler and its worker thread: plain,
 * structured-clone-able data only.
 */

/** One Rego source of the active bundles. */
export interface SourceFile {
  /** Path inside its bundle, prefixed by the bundle's name so files of two bundles never clash. */
  file: string;
  source: string;
  /** `v0` for a file the bundle declares as Rego v0 (manifest `rego_version`, `file_rego_versions`). */
  regoVersion?: 'v0' | 'v1';
}

export interface CompileWorkerData {
  files: SourceFile[];
}

/** Compile `data.<path>` into a module whose entrypoint `entrypoint` answers `[{result: value}]`. */
export interface CompileRequest {
  id: number;
  path: string[];
  entrypoint: string;
}

export type CompileWorkerMessage =
  /** Sent once at start: what the sources define, to tell which paths they can answer. */
  | { type: 'index'; rules: string[][]; packages: string[][] }
  | { type: 'index_failed'; message: string }
  | { type: 'compiled'; id: number; wasm: Uint8Array; threadId: number }
  | { type: 'compile_failed'; id: number; message: string };
