import { Worker } from 'node:worker_threads';
import { regoVersionForFile, type BundleRegoVersion } from '../../bundle/rego-versions.js';
import type { NamedBundle } from '../eval/generation.js';
import { workerScriptFor, type WorkerScript } from '../eval/worker-script.js';
import { OnDemandError } from './errors.js';
import type { CompileRequest, CompileWorkerMessage, SourceFile } from './protocol.js';

export interface OnDemandOptions {
  /** Compiled paths kept per generation; the least recently used one is dropped past this. @defaultValue 32 */
  maxPolicies?: number;
  /** Longest one compile may take before the compile worker is stopped. @defaultValue 60000 */
  compileTimeoutMs?: number;
  /** @defaultValue the built or from-source compile worker */
  script?: WorkerScript;
}

/** A compiled path, loaded into the evaluation pool under `policyId`. */
export interface OnDemandPolicy {
  policyId: string;
  entrypoint: string;
}

/** Where compiled modules go: the generation's evaluation pool. */
export interface PolicyHost {
  addPolicy(policy: { id: string; wasm: Uint8Array }): void;
  removePolicy(id: string): void;
}

interface Entry {
  key: string;
  promise: Promise<OnDemandPolicy>;
  /** Evaluations using the policy now; an entry in use is not evicted. */
  users: number;
  policyId?: string;
}

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/** The Rego sources of the bundles, as the compile worker takes them (with each file's syntax). */
export function sourceFilesOf(bundles: NamedBundle[], fallback: BundleRegoVersion = 1): SourceFile[] {
  return bundles.flatMap(({ name, bundle }) => {
    return bundle.rego.map((r): SourceFile => {
      const version = regoVersionForFile(bundle.manifest, r.path, fallback);
      return {
        file: `${name}${r.path.startsWith('/') ? '' : '/'}${r.path}`,
        source: r.text,
        ...(version === 0 ? { regoVersion: 'v0' as const } : {}),
      };
    });
  });
}

/**
 * Compiles documents the bundles' Rego sources define but no entrypoint
 * exposes, on first use, in a worker thread of its own; the module is
 * loaded into the generation's evaluation pool. One per generation (so per
 * bundle revision), holding at most `maxPolicies` compiled paths.
 */
export class OnDemandCompiler {
  private worker?: Worker;
  private index?: Promise<{ rules: string[][]; packages: string[][] }>;
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<
    number,
    { resolve: (wasm: Uint8Array) => void; reject: (err: Error) => void; timer: NodeJS.Timeout }
  >();
  private nextId = 1;
  private closed = false;
  private compiles = 0;
  private compileThreadId?: number;

  constructor(
    private readonly files: SourceFile[],
    private readonly host: PolicyHost,
    private readonly options: OnDemandOptions = {},
  ) {}

  get hasSources(): boolean {
    return this.files.length > 0;
  }

  private start(): Promise<{ rules: string[][]; packages: string[][] }> {
    if (this.index) return this.index;
    const script = this.options.script ?? workerScriptFor(new URL('./compile-worker.js', import.meta.url));
    const worker = new Worker(script.filename, { eval: script.eval, workerData: { files: this.files } });
    worker.unref();
    this.worker = worker;
    this.index = new Promise((resolve, reject) => {
      worker.on('message', (message: CompileWorkerMessage) => {
        if (message.type === 'index') resolve({ rules: message.rules, packages: message.packages });
        else if (message.type === 'index_failed') {
          reject(
            new OnDemandError(
              'policy_compile_error',
              `the bundles' Rego sources do not parse: ${message.message}`,
            ),
          );
        } else this.settle(message);
      });
      const fail = (reason: string) => {
        const error = new OnDemandError('policy_compile_error', `the compile worker stopped: ${reason}`);
        reject(error);
        this.failAll(error);
        // The next request starts a fresh worker.
        if (this.worker === worker) {
          this.worker = undefined;
          this.index = undefined;
        }
      };
      worker.on('error', (err) => fail(err.message));
      worker.on('exit', (code) => fail(`exit code ${code}`));
    });
    return this.index;
  }

  private settle(message: Extract<CompileWorkerMessage, { id: number }>): void {
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (message.type === 'compiled') {
      this.compiles++;
      this.compileThreadId = message.threadId;
      waiting.resolve(message.wasm);
    } else waiting.reject(new OnDemandError('policy_compile_error', message.message));
  }

  private failAll(error: Error): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.pending.delete(id);
    }
  }

  /** Whether the sources define the path, a document above it or one inside it. */
  async defines(path: string[]): Promise<boolean> {
    if (!this.hasSources) return false;
    const { rules, packages } = await this.start();
    if (path.length === 0) return rules.length > 0;
    return (
      rules.some((rule) => startsWith(path, rule) || startsWith(rule, path)) ||
      packages.some((pkg) => startsWith(pkg, path))
    );
  }

  private compile(path: string[], entrypoint: string): Promise<Uint8Array> {
    return this.start().then(
      () =>
        new Promise<Uint8Array>((resolve, reject) => {
          const worker = this.worker;
          if (!worker || this.closed) {
            reject(new OnDemandError('policy_compile_error', 'the compile worker is not running'));
            return;
          }
          const id = this.nextId++;
          const timeoutMs = this.options.compileTimeoutMs ?? 60_000;
          const timer = setTimeout(() => {
            this.pending.delete(id);
            reject(
              new OnDemandError(
                'policy_compile_error',
                `compiling data/${path.join('/')} took over ${timeoutMs} ms`,
              ),
            );
            void worker.terminate();
          }, timeoutMs);
          this.pending.set(id, { resolve, reject, timer });
          const request: CompileRequest = { id, path, entrypoint };
          worker.postMessage(request);
        }),
    );
  }

  /**
   * Runs `use` with the compiled policy for `path`, compiling it first
   * when this generation has not yet; the policy stays while in use.
   */
  async withPolicy<T>(path: string[], use: (policy: OnDemandPolicy) => Promise<T>): Promise<T> {
    const key = JSON.stringify(path);
    let entry = this.entries.get(key);
    if (entry) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      entry = this.compileEntry(key, path);
      this.entries.set(key, entry);
    }
    entry.users++;
    this.evict();
    try {
      return await use(await entry.promise);
    } finally {
      entry.users--;
      this.evict();
    }
  }

  private compileEntry(key: string, path: string[]): Entry {
    const entrypoint = `ondemand/${this.nextId++}`;
    const policyId = `ondemand:${entrypoint}`;
    const promise = this.compile(path, entrypoint).then((wasm) => {
      this.host.addPolicy({ id: policyId, wasm });
      entry.policyId = policyId;
      return { policyId, entrypoint };
    });
    // A failed compile is remembered for this generation like a success: its sources do not change.
    promise.catch(() => undefined);
    const entry: Entry = { key, users: 0, promise };
    return entry;
  }

  /** Drops the least recently used compiled paths not in use, down to the bound. */
  private evict(): void {
    const max = this.options.maxPolicies ?? 32;
    for (const entry of [...this.entries.values()]) {
      if (this.entries.size <= max) return;
      if (entry.users > 0) continue;
      this.entries.delete(entry.key);
      if (entry.policyId) this.host.removePolicy(entry.policyId);
    }
  }

  /** Compiles done, the thread that ran them, and the paths held (least recently used first). */
  stats(): { compiles: number; compileThreadId?: number; paths: string[][] } {
    return {
      compiles: this.compiles,
      compileThreadId: this.compileThreadId,
      paths: [...this.entries.keys()].map((key) => JSON.parse(key) as string[]),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new OnDemandError('policy_compile_error', 'the policy generation is being replaced'));
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      await worker.terminate();
    }
  }
}
