import { Worker } from 'node:worker_threads';
import { EvalError } from './errors.js';
import type { EvalRequest, WorkerInit, WorkerMessage } from './protocol.js';
import { evalWorkerScript, type WorkerScript } from './worker-script.js';

export interface EvalPoolOptions {
  /** Worker threads, each holding every policy of the generation. */
  size: number;
  init: WorkerInit;
  /** Longest an evaluation may take, queueing included, unless the task asks for less. @defaultValue 2000 */
  evalTimeoutMs?: number;
  /** Longest a worker may take to load its policies. @defaultValue 30000 */
  loadTimeoutMs?: number;
  /** @defaultValue the built or from-source worker (see worker-script.ts) */
  script?: WorkerScript;
}

export interface EvalTask {
  policy: string;
  entrypoint: string;
  inputJson?: string;
  strictBuiltinErrors?: boolean;
  /** Milliseconds this evaluation may take, capped by the pool's own limit. */
  deadlineMs?: number;
}

export interface EvalOutcome {
  resultSet: unknown;
  evalNs: number;
}

interface Pending {
  request: EvalRequest;
  resolve: (outcome: EvalOutcome) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  timeoutMs: number;
  slot?: Slot;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  running?: Pending;
}

export interface EvalPoolStats {
  workers: number;
  ready: number;
  busy: number;
  queued: number;
  restarts: number;
  /** Wasm memory of one worker's policies at load time. */
  wasm_memory_bytes_per_worker: number;
}

/**
 * A fixed set of worker threads evaluating one generation of policies, so
 * a slow policy never blocks the HTTP event loop. Each task has a deadline;
 * a worker that overruns it is terminated and replaced, as is one that
 * crashes.
 */
export class EvalPool {
  readonly entrypoints: Record<string, string[]>;
  /** Wasm linear memory of the policies in one worker, right after loading. */
  readonly memoryBytesPerWorker: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private restarts = 0;
  private closing = false;
  private drained?: () => void;

  private constructor(
    private readonly options: EvalPoolOptions,
    private readonly script: WorkerScript,
    first: { slot: Slot; entrypoints: Record<string, string[]>; memoryBytes: number }[],
  ) {
    this.entrypoints = first[0]?.entrypoints ?? {};
    this.memoryBytesPerWorker = first[0]?.memoryBytes ?? 0;
    for (const { slot } of first) this.adopt(slot);
  }

  /** Starts every worker and waits until each has loaded the policies; fails with the load error otherwise. */
  static async start(options: EvalPoolOptions): Promise<EvalPool> {
    const script = options.script ?? evalWorkerScript();
    const results = await Promise.allSettled(
      Array.from({ length: Math.max(1, options.size) }, () => EvalPool.spawn(options, script)),
    );
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) {
      await Promise.all(
        results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.slot.worker.terminate()] : [])),
      );
      throw (failed as PromiseRejectedResult).reason;
    }
    const started = results.map(
      (r) =>
        (
          r as PromiseFulfilledResult<{
            slot: Slot;
            entrypoints: Record<string, string[]>;
            memoryBytes: number;
          }>
        ).value,
    );
    return new EvalPool(options, script, started);
  }

  private static spawn(
    options: EvalPoolOptions,
    script: WorkerScript,
  ): Promise<{ slot: Slot; entrypoints: Record<string, string[]>; memoryBytes: number }> {
    const worker = new Worker(script.filename, { eval: script.eval, workerData: options.init });
    const slot: Slot = { worker, ready: false };
    return new Promise((resolve, reject) => {
      const loadTimeout = options.loadTimeoutMs ?? 30_000;
      const timer = setTimeout(
        () => fail(`worker did not load its policies within ${loadTimeout} ms`),
        loadTimeout,
      );
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const fail = (message: string) => {
        cleanup();
        void worker.terminate();
        reject(new EvalError('evaluation_error', `cannot load policy: ${message}`));
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'ready') {
          cleanup();
          slot.ready = true;
          resolve({ slot, entrypoints: message.entrypoints, memoryBytes: message.memoryBytes });
        } else if (message.type === 'load_failed') fail(message.message);
      };
      const onError = (err: Error) => fail(err.message);
      const onExit = (code: number) => fail(`worker exited with code ${code} while loading`);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  private adopt(slot: Slot): void {
    this.slots.push(slot);
    slot.worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    slot.worker.on('error', (err) => this.replace(slot, `worker crashed: ${err.message}`));
    slot.worker.on('exit', (code) => this.replace(slot, `worker exited with code ${code}`));
    slot.worker.unref();
    this.dispatch();
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    const pending = slot.running;
    if (!pending || (message.type !== 'result' && message.type !== 'eval_failed')) return;
    if (message.id !== pending.request.id) return;
    slot.running = undefined;
    clearTimeout(pending.timer);
    if (message.type === 'result') pending.resolve({ resultSet: message.resultSet, evalNs: message.evalNs });
    else pending.reject(new EvalError('evaluation_error', message.message));
    this.dispatch();
  }

  /** Drops a dead or overrunning worker, fails its task, and starts a replacement. */
  private replace(slot: Slot, reason: string, failure?: EvalError): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    if (slot.running) {
      clearTimeout(slot.running.timer);
      slot.running.reject(failure ?? new EvalError('worker_crashed', reason));
      slot.running = undefined;
    }
    if (this.closing) {
      this.checkDrained();
      return;
    }
    this.restarts++;
    const respawn = (): void => {
      EvalPool.spawn(this.options, this.script).then(
        ({ slot: fresh }) => {
          if (this.closing) void fresh.worker.terminate();
          else this.adopt(fresh);
        },
        () => {
          if (!this.closing) setTimeout(respawn, 1000).unref();
        },
      );
    };
    respawn();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.running) continue;
      const next = this.queue.shift();
      if (!next) break;
      next.slot = slot;
      slot.running = next;
      slot.worker.postMessage(next.request);
    }
    this.checkDrained();
  }

  evaluate(task: EvalTask): Promise<EvalOutcome> {
    if (this.closing)
      return Promise.reject(new EvalError('pool_closed', 'the policy generation is being replaced'));
    const limit = this.options.evalTimeoutMs ?? 2000;
    const timeoutMs = task.deadlineMs !== undefined ? Math.max(0, Math.min(task.deadlineMs, limit)) : limit;
    return new Promise<EvalOutcome>((resolve, reject) => {
      const pending: Pending = {
        request: {
          type: 'eval',
          id: this.nextId++,
          policy: task.policy,
          entrypoint: task.entrypoint,
          inputJson: task.inputJson,
          strictBuiltinErrors: task.strictBuiltinErrors ?? false,
        },
        resolve,
        reject,
        timeoutMs,
        timer: setTimeout(() => this.expire(pending), timeoutMs),
      };
      this.queue.push(pending);
      this.dispatch();
    });
  }

  private expire(pending: Pending): void {
    const error = new EvalError(
      'eval_cancel_error',
      `evaluation exceeded its deadline of ${pending.timeoutMs} ms`,
    );
    const queued = this.queue.indexOf(pending);
    if (queued !== -1) {
      this.queue.splice(queued, 1);
      pending.reject(error);
      this.checkDrained();
      return;
    }
    if (pending.slot && pending.slot.running === pending) this.replace(pending.slot, error.message, error);
  }

  stats(): EvalPoolStats {
    return {
      workers: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.running).length,
      queued: this.queue.length,
      restarts: this.restarts,
      wasm_memory_bytes_per_worker: this.memoryBytesPerWorker,
    };
  }

  /** Thread ids of the live workers (for diagnostics and tests). */
  threadIds(): number[] {
    return this.slots.map((s) => s.worker.threadId);
  }

  /** Terminates one worker as if it had crashed; the pool replaces it. */
  async killWorker(threadId: number): Promise<void> {
    const slot = this.slots.find((s) => s.worker.threadId === threadId);
    if (slot) await slot.worker.terminate();
  }

  private checkDrained(): void {
    if (this.closing && this.drained && this.queue.length === 0 && this.slots.every((s) => !s.running)) {
      const done = this.drained;
      this.drained = undefined;
      done();
    }
  }

  /** Lets queued and running evaluations finish, then stops every worker. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await new Promise<void>((resolve) => {
      this.drained = resolve;
      this.checkDrained();
    });
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map((s) => {
        s.worker.removeAllListeners();
        return s.worker.terminate();
      }),
    );
  }
}
