/*
 * Messages between the evaluation pool and its worker threads: plain,
 * structured-clone-able data only.
 */

/** One compiled policy as the worker receives it. */
export interface PolicySpec {
  /** Stable id within a generation, e.g. `bundleName:/policy.wasm`. */
  id: string;
  wasm: Uint8Array;
}

export interface WorkerInit {
  policies: PolicySpec[];
  /** Merged data of every loaded bundle, as JSON text. */
  dataJson: string;
  /** URL of a module exporting `hostBuiltins()`; none when absent. */
  builtinsModule?: string;
}

export interface EvalRequest {
  type: 'eval';
  id: number;
  policy: string;
  entrypoint: string;
  /** The input as JSON text; undefined when the request had none. */
  inputJson?: string;
  strictBuiltinErrors: boolean;
}

export type WorkerMessage =
  | { type: 'ready'; entrypoints: Record<string, string[]>; memoryBytes: number }
  | { type: 'load_failed'; message: string }
  | { type: 'result'; id: number; resultSet: unknown; evalNs: number }
  | { type: 'eval_failed'; id: number; message: string };
