/*
 * Messages between the evaluation pool and its worker threads: plain,
 * structured-clone-able data only.
 */

/** One compiled policy as the worker receives it. */
export interface PolicySpec {
  /** Stable id within a generation, e.g. `bundleName:/policy.wasm`. */
  id: string;
  wasm: Uint8Array;
  /**
   * Data for this policy alone, as JSON text (a candidate or shadow bundle
   * evaluated beside the live ones); absent: the generation's merged data.
   */
  dataJson?: string;
}

export interface WorkerInit {
  policies: PolicySpec[];
  /** Merged data of every loaded bundle, as JSON text. */
  dataJson: string;
  /** URL of a module exporting `hostBuiltins()`; none when absent. */
  builtinsModule?: string;
}

/** What one worker is started with: the generation's policies and its own progress cell. */
export interface WorkerData extends WorkerInit {
  /** One Int32: index, within the current batch, of the evaluation running now. */
  progress: SharedArrayBuffer;
}

export interface EvalRequest {
  id: number;
  policy: string;
  entrypoint: string;
  /** The input as JSON text; undefined when the request had none. */
  inputJson?: string;
  strictBuiltinErrors: boolean;
}

/**
 * Evaluations sent together, run in order. Before each one the worker
 * stores its index in `progress` (shared memory), so the pool can tell a
 * task that overran from one still waiting behind it.
 */
export interface EvalBatch {
  type: 'batch';
  requests: EvalRequest[];
  /**
   * The first `answerFirst` requests are live work the rest (background
   * work) must not hold up: their answers are posted as soon as they are
   * done, the rest's after. Absent: one answer message for the batch.
   */
  answerFirst?: number;
}

/** Loads one more policy (compiled on demand) beside the generation's; a policy already held is kept. */
export interface LoadPolicy {
  type: 'load';
  policy: PolicySpec;
}

/** Drops a policy loaded with `load`. */
export interface UnloadPolicy {
  type: 'unload';
  id: string;
}

/** What the pool sends a worker. */
export type PoolMessage = EvalBatch | LoadPolicy | UnloadPolicy;

export type EvalAnswer =
  { id: number; ok: true; resultSet: unknown; evalNs: number } | { id: number; ok: false; message: string };

export type WorkerMessage =
  | { type: 'ready'; entrypoints: Record<string, string[]>; memoryBytes: number }
  | { type: 'load_failed'; message: string }
  /**
   * Answers to the batch's requests in order, from index `from` (absent: 0);
   * `more`: the rest of the batch is answered in a later message.
   */
  | { type: 'answers'; answers: EvalAnswer[]; from?: number; more?: boolean }
  | { type: 'policy_load_failed'; id: string; message: string };
