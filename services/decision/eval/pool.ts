import { Worker } from 'node:worker_threads';
import { EvalError } from './errors.js';
import type {
  EvalBatch,
  EvalRequest,
  PolicySpec,
  PoolMessage,
  WorkerData,
  WorkerInit,
  WorkerMessage,
} from './protocol.js';
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
  /**
   * Milliseconds this evaluation may take, capped by the pool's own limit;
   * live work counts its wait in the queue, background work from when a
   * worker takes it (it waits for idle workers by design).
   */
  deadlineMs?: number;
  /**
   * Work nobody waits on (shadow bundles, replays): it runs only on workers
   * no live evaluation is queued for, in small batches, so a live decision
   * waits behind at most one such batch. @defaultValue false
   */
  background?: boolean;
}

export interface EvalOutcome {
  resultSet: unknown;
  evalNs: number;
}

interface Pending {
  request: EvalRequest;
  background: boolean;
  resolve: (outcome: EvalOutcome) => void;
  reject: (err: Error) => void;
  /** Set at enqueue for live work; for background work, when a worker takes it (send). */
  timer?: NodeJS.Timeout;
  timeoutMs: number;
  settled: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Index, within `running`, of the evaluation under way; -1 before the worker starts the batch. */
  progress: Int32Array;
  /** The batch the worker is running, in order. */
  running?: Pending[];
}

/** Most evaluations sent to a worker in one message. */
const MAX_BATCH = 64;
/** Most background evaluations in one message: what a live decision may find ahead of it. */
const BACKGROUND_BATCH = 16;

export interface EvalPoolStats {
  workers: number;
  ready: number;
  busy: number;
  queued: number;
  /** Background evaluations (shadow, replay) waiting for an idle worker. */
  background_queued: number;
  restarts: number;
  /** Evaluations sent to workers, and the messages that carried them. */
  evaluations: number;
  batches: number;
  /** Wasm memory of one worker's policies at load time. */
  wasm_memory_bytes_per_worker: number;
  /** Policies added after the start (compiled on demand). */
  added_policies: number;
}

/**
 * A fixed set of worker threads evaluating one generation of policies, so
 * a slow policy never blocks the HTTP event loop. Tasks queued while the
 * workers are busy go to the next free worker as one batch: a message costs
 * more than a small evaluation. Each task has a deadline; a worker that
 * overruns one is terminated and replaced, as is one that crashes, and the
 * other tasks of its batch go back to the queue.
 */
export class EvalPool {
  readonly entrypoints: Record<string, string[]>;
  /** Wasm linear memory of the policies in one worker, right after loading. */
  readonly memoryBytesPerWorker: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly backgroundQueue: Pending[] = [];
  private nextId = 1;
  private dispatchScheduled = false;
  private restarts = 0;
  private evaluations = 0;
  private batches = 0;
  private closing = false;
  private drained?: () => void;
  /** Policies added after the start (compiled on demand): every worker, respawned ones too, holds them. */
  private readonly added = new Map<string, PolicySpec>();
  /** Added policies a worker could not load, with why. */
  private readonly loadFailures = new Map<string, string>();

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
    added: PolicySpec[] = [],
  ): Promise<{ slot: Slot; entrypoints: Record<string, string[]>; memoryBytes: number }> {
    const progress = new SharedArrayBuffer(4);
    const init = { ...options.init, policies: [...options.init.policies, ...added] };
    const workerData: WorkerData = { ...init, progress };
    const worker = new Worker(script.filename, { eval: script.eval, workerData });
    const slot: Slot = { worker, ready: false, progress: new Int32Array(progress) };
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
    // Policies added while this worker was starting (a worker skips those it already holds).
    for (const policy of this.added.values()) this.post(slot, { type: 'load', policy });
    slot.worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    slot.worker.on('error', (err) => this.replace(slot, `worker crashed: ${err.message}`));
    slot.worker.on('exit', (code) => this.replace(slot, `worker exited with code ${code}`));
    slot.worker.unref();
    this.dispatch();
  }

  private post(slot: Slot, message: PoolMessage): void {
    slot.worker.postMessage(message);
  }

  /**
   * Loads one more policy into every worker (and every worker started
   * later). Workers take messages in order, so an evaluation sent after
   * this call finds the policy loaded.
   */
  addPolicy(policy: PolicySpec): void {
    if (this.closing || this.added.has(policy.id)) return;
    this.added.set(policy.id, policy);
    for (const slot of this.slots) this.post(slot, { type: 'load', policy });
  }

  /** Drops a policy added with addPolicy; evaluations of it must have finished. */
  removePolicy(id: string): void {
    if (!this.added.delete(id)) return;
    this.loadFailures.delete(id);
    for (const slot of this.slots) this.post(slot, { type: 'unload', id });
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'policy_load_failed') {
      this.loadFailures.set(message.id, message.message);
      return;
    }
    const batch = slot.running;
    if (!batch || message.type !== 'answers') return;
    // The worker answers a batch in order, its live part first when it carries background work.
    const from = message.from ?? 0;
    const to = message.more ? Math.min(batch.length, from + message.answers.length) : batch.length;
    for (let i = from; i < to; i++) {
      const pending = batch[i];
      const answer = message.answers[i - from];
      if (answer?.id !== pending.request.id)
        this.fail(pending, new EvalError('evaluation_error', 'the worker gave no answer'));
      else if (answer.ok) this.succeed(pending, { resultSet: answer.resultSet, evalNs: answer.evalNs });
      else this.fail(pending, new EvalError('evaluation_error', answer.message));
    }
    if (to < batch.length) return;
    slot.running = undefined;
    this.dispatch();
  }

  private succeed(pending: Pending, outcome: EvalOutcome): void {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    pending.resolve(outcome);
  }

  private fail(pending: Pending, error: Error): void {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    pending.reject(error);
  }

  /**
   * Drops a dead or overrunning worker and starts a replacement. The task
   * it was running fails (with `failure`, else worker_crashed); the rest of
   * its batch, done or not, is queued again: evaluation has no side effects.
   */
  private replace(slot: Slot, reason: string, failure?: EvalError): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    const batch = slot.running ?? [];
    slot.running = undefined;
    const current = Atomics.load(slot.progress, 0);
    const requeue: Pending[] = [];
    batch.forEach((pending, i) => {
      if (i === current) this.fail(pending, failure ?? new EvalError('worker_crashed', reason));
      else if (!pending.settled) requeue.push(pending);
    });
    this.queue.unshift(...requeue.filter((p) => !p.background));
    this.backgroundQueue.unshift(...requeue.filter((p) => p.background));
    if (this.closing) {
      // No replacement while closing: the other workers take the queue, if any are left.
      if (this.slots.length === 0)
        for (const pending of [...this.queue.splice(0), ...this.backgroundQueue.splice(0)])
          this.fail(pending, new EvalError('worker_crashed', reason));
      this.dispatch();
      return;
    }
    this.restarts++;
    const respawn = (): void => {
      EvalPool.spawn(this.options, this.script, [...this.added.values()]).then(
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
    this.dispatch();
  }

  /**
   * Hands the queue to idle workers, split evenly, at most MAX_BATCH tasks
   * each; workers left idle then take background work, BACKGROUND_BATCH at
   * a time. Once the queue is empty, a worker given live work takes
   * background work in the same message, after it (answered apart, so
   * the live answers do not wait): it would be idle next, and one message
   * instead of two spares a wake-up of each thread (a shadow's evaluation
   * goes out with the next live decisions).
   */
  private dispatch(): void {
    const idle = this.slots.filter((slot) => slot.ready && !slot.running);
    let i = 0;
    for (; i < idle.length && this.queue.length > 0; i++) {
      const share = Math.min(MAX_BATCH, Math.ceil(this.queue.length / (idle.length - i)));
      const live = this.queue.splice(0, share);
      const after = this.queue.length === 0 ? this.backgroundQueue.splice(0, BACKGROUND_BATCH) : [];
      this.send(idle[i], live, after);
    }
    for (; i < idle.length && this.backgroundQueue.length > 0; i++) {
      this.send(idle[i], this.backgroundQueue.splice(0, BACKGROUND_BATCH));
    }
    this.checkDrained();
  }

  private send(slot: Slot, tasks: Pending[], background: Pending[] = []): void {
    const live = tasks.filter((pending) => !pending.settled);
    const batch = [...live, ...background.filter((pending) => !pending.settled)];
    if (batch.length === 0) return;
    slot.running = batch;
    for (const pending of batch) pending.timer ??= setTimeout(() => this.expire(pending), pending.timeoutMs);
    this.batches++;
    this.evaluations += batch.length;
    Atomics.store(slot.progress, 0, -1);
    const message: EvalBatch = { type: 'batch', requests: batch.map((pending) => pending.request) };
    if (live.length > 0 && live.length < batch.length) message.answerFirst = live.length;
    this.post(slot, message);
  }

  /** Dispatches once the current I/O callbacks have run, so requests arriving together share a message. */
  private scheduleDispatch(): void {
    if (this.dispatchScheduled) return;
    this.dispatchScheduled = true;
    setImmediate(() => {
      this.dispatchScheduled = false;
      this.dispatch();
    });
  }

  evaluate(task: EvalTask): Promise<EvalOutcome> {
    if (this.closing)
      return Promise.reject(new EvalError('pool_closed', 'the policy generation is being replaced'));
    const loadFailure = this.loadFailures.get(task.policy);
    if (loadFailure !== undefined)
      return Promise.reject(new EvalError('evaluation_error', `cannot load policy: ${loadFailure}`));
    const limit = this.options.evalTimeoutMs ?? 2000;
    const timeoutMs = task.deadlineMs !== undefined ? Math.max(0, Math.min(task.deadlineMs, limit)) : limit;
    return new Promise<EvalOutcome>((resolve, reject) => {
      const pending: Pending = {
        background: task.background ?? false,
        request: {
          id: this.nextId++,
          policy: task.policy,
          entrypoint: task.entrypoint,
          inputJson: task.inputJson,
          strictBuiltinErrors: task.strictBuiltinErrors ?? false,
        },
        resolve,
        reject,
        timeoutMs,
        settled: false,
      };
      if (!pending.background) pending.timer = setTimeout(() => this.expire(pending), timeoutMs);
      (pending.background ? this.backgroundQueue : this.queue).push(pending);
      this.scheduleDispatch();
    });
  }

  /**
   * A task's deadline passed. Queued, or waiting behind another task of its
   * batch: it fails alone. Running: the worker is stuck on it and is
   * replaced. Already evaluated: its answer is on the way and stands.
   */
  private expire(pending: Pending): void {
    if (pending.settled) return;
    const error = new EvalError(
      'eval_cancel_error',
      `evaluation exceeded its deadline of ${pending.timeoutMs} ms`,
    );
    const queue = pending.background ? this.backgroundQueue : this.queue;
    const queued = queue.indexOf(pending);
    if (queued !== -1) {
      queue.splice(queued, 1);
      this.fail(pending, error);
      this.checkDrained();
      return;
    }
    const slot = this.slots.find((s) => s.running?.includes(pending));
    if (!slot) return this.fail(pending, error);
    const index = slot.running!.indexOf(pending);
    const current = Atomics.load(slot.progress, 0);
    if (index > current) this.fail(pending, error);
    else if (index === current) this.replace(slot, error.message, error);
  }

  stats(): EvalPoolStats {
    return {
      workers: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.running).length,
      queued: this.queue.length,
      background_queued: this.backgroundQueue.length,
      restarts: this.restarts,
      evaluations: this.evaluations,
      batches: this.batches,
      wasm_memory_bytes_per_worker: this.memoryBytesPerWorker,
      added_policies: this.added.size,
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
    if (
      this.closing &&
      this.drained &&
      this.queue.length === 0 &&
      this.backgroundQueue.length === 0 &&
      this.slots.every((s) => !s.running)
    ) {
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
