import { parentPort, workerData } from 'node:worker_threads';
import * as opaWasm from '@open-policy-agent/opa-wasm';
import { loadPolicy, type LoadedPolicy } from '@open-policy-agent/opa-wasm';
import type { EvalAnswer, EvalRequest, PoolMessage, WorkerData, WorkerMessage } from './protocol.js';

/*
 * Worker thread entry: loads every policy of one generation with the
 * unmodified opa-wasm SDK and evaluates on request. Kept free of project
 * imports other than types so it runs the same compiled or from source.
 */

type Builtin = (...args: unknown[]) => unknown;

const init = workerData as WorkerData;
const progress = new Int32Array(init.progress);
const port = parentPort!;
let strict = false;

function post(message: WorkerMessage): void {
  port.postMessage(message);
}

function describe(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object' && 'message' in err)
    return String((err as { message: unknown }).message);
  return String(err);
}

/** What builtins see as "this evaluation" (the clock of time.now_ns, per-query memos); renewed per request. */
let evaluationContext: unknown;
let newEvaluationContext: (() => unknown) | undefined;

async function customBuiltins(): Promise<Record<string, Builtin>> {
  if (!init.builtinsModule) return {};
  const mod = (await import(init.builtinsModule)) as {
    hostBuiltins?: (options: { strict: boolean; context?: () => unknown }) => unknown;
    freshContext?: () => unknown;
  };
  if (typeof mod.hostBuiltins !== 'function') return {};
  newEvaluationContext = mod.freshContext;
  // Ask for errors to be raised; whether they count is decided per request below.
  const table = (await mod.hostBuiltins({
    strict: true,
    context: newEvaluationContext ? () => evaluationContext : undefined,
  })) as Record<string, Builtin>;
  // OPA ignores builtin errors (the call is undefined) unless strict-builtin-errors is asked for.
  const wrapped: Record<string, Builtin> = {};
  for (const [name, fn] of Object.entries(table)) {
    wrapped[name] = (...args: unknown[]) => {
      try {
        return fn(...args);
      } catch (err) {
        if (strict) throw new Error(`${name}: ${describe(err)}`, { cause: err });
        return undefined;
      }
    };
  }
  return wrapped;
}

/** The SDK's synchronous loader (exported on its default object only), so a `load` message finishes before the next message runs. */
const loadPolicySync = (opaWasm as unknown as { default: { loadPolicySync: typeof opaWasm.loadPolicySync } })
  .default.loadPolicySync;

async function start(): Promise<void> {
  const policies = new Map<string, LoadedPolicy>();
  let builtins: Record<string, Builtin>;
  let data: object;
  try {
    builtins = await customBuiltins();
    data = JSON.parse(init.dataJson) as object;
    for (const spec of init.policies) {
      const policy = await loadPolicy(spec.wasm, undefined, builtins);
      policy.setData(spec.dataJson === undefined ? data : (JSON.parse(spec.dataJson) as object));
      policies.set(spec.id, policy);
    }
  } catch (err) {
    post({ type: 'load_failed', message: describe(err) });
    return;
  }
  const entrypoints: Record<string, string[]> = {};
  for (const [id, policy] of policies) entrypoints[id] = Object.keys(policy.entrypoints as object);
  const encoder = new TextEncoder();
  const evaluate = (request: EvalRequest): EvalAnswer => {
    const policy = policies.get(request.policy);
    const started = process.hrtime.bigint();
    try {
      if (!policy) throw new Error(`no policy ${request.policy} in this worker`);
      strict = request.strictBuiltinErrors;
      evaluationContext = newEvaluationContext?.();
      const input =
        request.inputJson === undefined ? undefined : encoder.encode(request.inputJson).slice().buffer;
      const resultSet = policy.evaluate(input, request.entrypoint) as unknown;
      return { id: request.id, ok: true, resultSet, evalNs: Number(process.hrtime.bigint() - started) };
    } catch (err) {
      return { id: request.id, ok: false, message: describe(err) };
    }
  };
  port.on('message', (message: PoolMessage) => {
    if (message.type === 'load') {
      if (policies.has(message.policy.id)) return;
      try {
        const policy = loadPolicySync(message.policy.wasm, undefined, builtins);
        const own = message.policy.dataJson;
        policy.setData(own === undefined ? data : (JSON.parse(own) as object));
        policies.set(message.policy.id, policy);
      } catch (err) {
        post({ type: 'policy_load_failed', id: message.policy.id, message: describe(err) });
      }
      return;
    }
    if (message.type === 'unload') {
      policies.delete(message.id);
      return;
    }
    const batch = message;
    const first = batch.answerFirst ?? 0;
    let answers: EvalAnswer[] = [];
    for (let i = 0; i < batch.requests.length; i++) {
      if (i === first && i > 0) {
        post({ type: 'answers', answers, more: true });
        answers = [];
      }
      Atomics.store(progress, 0, i);
      answers.push(evaluate(batch.requests[i]));
    }
    Atomics.store(progress, 0, batch.requests.length);
    post({ type: 'answers', answers, from: first < batch.requests.length ? first : 0 });
  });
  let memoryBytes = 0;
  for (const policy of policies.values()) memoryBytes += policy.mem.buffer.byteLength;
  post({ type: 'ready', entrypoints, memoryBytes });
}

void start();
