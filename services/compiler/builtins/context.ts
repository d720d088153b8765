/**
 * What OPA keeps fixed for one evaluation: the clock (`time.now_ns`, and the
 * default time of `io.jwt.decode_verify`) and results that must repeat within
 * a query (`uuid.rfc4122` per seed, `net.lookup_ip_addr` per name). Hosts
 * that know where an evaluation starts pass a provider to
 * `hostBuiltins({ context })`. Without one, builtin calls share a context
 * until the current synchronous run ends: `evaluate()` never yields, so one
 * evaluation sees one clock, and the next evaluation after an `await` (or any
 * other turn of the event loop) sees a new one.
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

let ambient: EvaluationContext | undefined;

/** The default provider: one context per synchronous run, dropped at the next microtask. */
export function ambientContext(): EvaluationContext {
  if (!ambient) {
    ambient = freshContext();
    queueMicrotask(() => {
      ambient = undefined;
    });
  }
  return ambient;
}

let provider: () => EvaluationContext = ambientContext;
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
  provider = next ?? ambientContext;
  current = undefined;
  try {
    return fn();
  } finally {
    provider = savedProvider;
    current = savedCurrent;
  }
}
