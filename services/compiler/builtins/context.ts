/**
 * What OPA keeps fixed for one evaluation: the clock (`time.now_ns`, and the
 * default time of `io.jwt.decode_verify`) and results that must repeat within
 * a query (`uuid.rfc4122` per seed). Hosts that know where an evaluation
 * starts pass a provider to `hostBuiltins({ context })`; without one every
 * call sees a fresh context.
 */

export interface EvaluationContext {
  /** Nanoseconds since the Unix epoch at the start of the evaluation. */
  nowNs: bigint;
  /** Per-evaluation memo, keyed by builtin and arguments. */
  memo: Map<string, unknown>;
}

export function freshContext(): EvaluationContext {
  return { nowNs: BigInt(Date.now()) * 1_000_000n, memo: new Map() };
}

let provider: () => EvaluationContext = freshContext;
let current: EvaluationContext | undefined;

/** The context of the builtin call in progress (calls are synchronous, so one at a time). */
export function evaluationContext(): EvaluationContext {
  current ??= provider();
  return current;
}

/** Runs `fn` with builtin calls seeing the provider's context. */
export function withContextProvider<T>(next: (() => EvaluationContext) | undefined, fn: () => T): T {
  const savedProvider = provider;
  const savedCurrent = current;
  provider = next ?? freshContext;
  current = undefined;
  try {
    return fn();
  } finally {
    provider = savedProvider;
    current = savedCurrent;
  }
}
