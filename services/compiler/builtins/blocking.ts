/**
 * Synchronous I/O for host builtins. opa-wasm calls builtins synchronously,
 * so a builtin that needs I/O hands the task to a worker thread and blocks on
 * `Atomics.wait` until the worker posts the answer (read with
 * `receiveMessageOnPort`) or the timeout passes. A late answer to a timed-out
 * task is discarded by the next call. A worker that hits an uncaught error
 * fails every task it holds (`EWORKERDIED`), so no caller waits out its
 * timeout, marks itself dead and exits; the next call starts a fresh one.
 */
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { workerMain } from './blocking-worker.js';
import type { BlockingReply, BlockingRequest, BlockingTask } from './blocking-worker.js';

export type { BlockingTask } from './blocking-worker.js';

/** The task did not finish within its timeout (the worker may still be running it). */
export class BlockingTimeoutError extends Error {
  readonly code = 'blocking_timeout';
  /**
   * The task's reply cell: element 0 becomes 1 once the worker has posted its
   * late answer (which the next call discards). Lets a caller wait for that
   * event (`Atomics.waitAsync`) instead of guessing how long it takes.
   */
  readonly answered: Int32Array;

  constructor(task: BlockingTask, timeoutMs: number, answered: Int32Array) {
    super(`${task.kind} did not finish within ${timeoutMs}ms`);
    this.name = 'BlockingTimeoutError';
    this.answered = answered;
  }
}

/** The task failed in the worker; `code` is the Node error code (e.g. `ENOTFOUND`). */
export class BlockingTaskError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'BlockingTaskError';
    this.code = code;
  }
}

interface Running {
  port: MessagePort;
  /** Element 0 is set to 1 by the worker once it is dying. */
  dead: Int32Array;
}

let running: Running | undefined;
let nextId = 1;

function startWorker(): Running {
  const { port1, port2 } = new MessageChannel();
  const dead = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(`(${workerMain.toString()})(require)`, {
    eval: true,
    workerData: { port: port2, dead },
    transferList: [port2],
  });
  const self: Running = { port: port1, dead };
  // Idle, the worker must not keep the process alive.
  worker.unref();
  port1.unref();
  const forget = () => {
    Atomics.store(dead, 0, 1);
    if (running === self) running = undefined;
  };
  // Without an 'error' listener a worker's crash would be rethrown in this thread.
  worker.on('error', forget);
  worker.on('exit', forget);
  return self;
}

function currentWorker(): Running {
  if (running && Atomics.load(running.dead, 0) === 1) running = undefined;
  running ??= startWorker();
  return running;
}

/** Runs `task` in the worker and waits for its result; throws on failure or timeout. */
export function runBlocking(task: BlockingTask, timeoutMs: number): unknown {
  const { port } = currentWorker();
  const id = nextId++;
  const request: BlockingRequest = { id, signal: new Int32Array(new SharedArrayBuffer(4)), task };
  port.postMessage(request);
  if (Atomics.wait(request.signal, 0, 0, timeoutMs) === 'timed-out') {
    throw new BlockingTimeoutError(task, timeoutMs, request.signal);
  }
  for (;;) {
    const received = receiveMessageOnPort(port);
    if (!received) throw new Error(`worker signalled task ${id} but posted no answer`);
    const reply = received.message as BlockingReply;
    if (reply.id !== id) continue;
    if (reply.error) throw new BlockingTaskError(reply.error.code, reply.error.message);
    return reply.value;
  }
}
