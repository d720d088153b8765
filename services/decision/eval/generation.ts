import { getOwn, setOwn, type Bundle } from '../../bundle/index.js';
import type { RegoVersion } from '../../compiler/rego/parser-base.js';
import { OnDemandCompiler, sourceFilesOf, type OnDemandOptions } from '../ondemand/compiler.js';
import { OnDemandError } from '../ondemand/errors.js';
import { EvalPool, type EvalPoolOptions } from './pool.js';
import type { PolicySpec } from './protocol.js';
import type { WorkerScript } from './worker-script.js';

/** A bundle with the name it is known by (its source). */
export interface NamedBundle {
  name: string;
  bundle: Bundle;
}

export interface GenerationOptions {
  poolSize: number;
  evalTimeoutMs?: number;
  builtinsModule?: string;
  script?: WorkerScript;
  /** How documents that are not entrypoints are compiled from the bundles' Rego sources. */
  onDemand?: OnDemandOptions;
  /** Syntax of Rego sources whose bundle declares none (`v0` is `--v0-compatible`). @defaultValue 'v1' */
  regoVersion?: RegoVersion;
}

export interface QueryOptions {
  inputJson?: string;
  strictBuiltinErrors?: boolean;
  deadlineMs?: number;
  /** Work nobody waits on (a replay's baseline): it yields to live decisions (EvalPool). @defaultValue false */
  background?: boolean;
}

export interface QueryAnswer {
  defined: boolean;
  result?: unknown;
  /** Time spent inside wasm, summed over the entrypoints evaluated. */
  evalNs: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergeData(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = getOwn(target, key);
    if (isObject(existing) && isObject(value)) mergeData(existing, value);
    else setOwn(target, key, value);
  }
}

export function descend(value: unknown, path: string[]): { found: boolean; value?: unknown } {
  let node = value;
  for (const segment of path) {
    if (isObject(node) && Object.prototype.hasOwnProperty.call(node, segment)) node = node[segment];
    else if (Array.isArray(node) && /^\d+$/.test(segment) && Number(segment) < node.length)
      node = node[Number(segment)];
    else return { found: false };
  }
  return { found: true, value: node };
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    if (!isObject(getOwn(node, segment))) setOwn(node, segment, {});
    node = getOwn(node, segment) as Record<string, unknown>;
  }
  setOwn(node, path[path.length - 1], value);
}

/**
 * One immutable set of active bundles: their merged data and a worker pool
 * holding their policies. A new revision builds a new generation and swaps
 * it in whole; the old one retires once its requests in flight finish.
 */
export class Generation {
  private inFlight = 0;
  private retiring?: () => void;

  private constructor(
    readonly bundles: NamedBundle[],
    readonly data: Record<string, unknown>,
    private readonly pool: EvalPool | undefined,
    /** entrypoint ("a/b") → policy id */
    private readonly entrypoints: Map<string, string>,
    /** Compiles other documents from the bundles' Rego sources, when they carry some. */
    private readonly onDemand?: OnDemandCompiler,
  ) {}

  /** Loads every policy into a fresh pool; rejects (leaving nothing running) when any fails to load. */
  static async create(bundles: NamedBundle[], options: GenerationOptions): Promise<Generation> {
    const data: Record<string, unknown> = {};
    for (const { bundle } of bundles) mergeData(data, structuredClone(bundle.data));
    const policies: PolicySpec[] = bundles.flatMap(({ name, bundle }) =>
      bundle.wasm.map((module) => ({ id: `${name}:${module.path}`, wasm: module.bytes })),
    );
    const entrypoints = new Map<string, string>();
    const sources = sourceFilesOf(bundles, options.regoVersion === 'v0' ? 0 : 1);
    let pool: EvalPool | undefined;
    // Sources alone need a pool too: every document is then compiled on demand.
    if (policies.length > 0 || sources.length > 0) {
      const poolOptions: EvalPoolOptions = {
        size: options.poolSize,
        init: { policies, dataJson: JSON.stringify(data), builtinsModule: options.builtinsModule },
        evalTimeoutMs: options.evalTimeoutMs,
        script: options.script,
      };
      pool = await EvalPool.start(poolOptions);
      for (const policy of policies) {
        for (const entrypoint of pool.entrypoints[policy.id] ?? []) {
          if (!entrypoints.has(entrypoint)) entrypoints.set(entrypoint, policy.id);
        }
      }
    }
    const onDemand =
      pool && sources.length > 0 ? new OnDemandCompiler(sources, pool, options.onDemand) : undefined;
    return new Generation(bundles, data, pool, entrypoints, onDemand);
  }

  static empty(): Generation {
    return new Generation([], {}, undefined, new Map());
  }

  /** Bundle name → revision, as decision logs and provenance report them. */
  revisions(): Record<string, { revision: string }> {
    return Object.fromEntries(
      this.bundles.map(({ name, bundle }) => [name, { revision: bundle.manifest.revision }]),
    );
  }

  hasEntrypoint(entrypoint: string): boolean {
    return this.entrypoints.has(entrypoint);
  }

  entrypointNames(): string[] {
    return [...this.entrypoints.keys()];
  }

  poolStats() {
    return this.pool?.stats();
  }

  pooledThreadIds(): number[] {
    return this.pool?.threadIds() ?? [];
  }

  /**
   * Loads a policy of another bundle (a candidate or shadow bundle, with its
   * own data) into this generation's pool, beside the live policies. False
   * when this generation has no pool (no bundle is loaded yet).
   */
  addGuest(policy: PolicySpec): boolean {
    if (!this.pool) return false;
    this.pool.addPolicy(policy);
    return true;
  }

  /** Unloads a guest policy; its evaluations must have finished. */
  removeGuest(id: string): void {
    this.pool?.removePolicy(id);
  }

  /**
   * Evaluates an entrypoint of a guest policy (tracked as live evaluations
   * are, so a retiring generation waits for it); `background` work yields
   * to live decisions (EvalPool).
   */
  evaluateGuest(policy: string, entrypoint: string, options: QueryOptions): Promise<QueryAnswer> {
    return this.track(async () => {
      if (!this.pool) return { defined: false, evalNs: 0 };
      const outcome = await this.pool.evaluate({
        policy,
        entrypoint,
        inputJson: options.inputJson,
        strictBuiltinErrors: options.strictBuiltinErrors,
        deadlineMs: options.deadlineMs,
        background: options.background,
      });
      const set = outcome.resultSet as { result: unknown }[];
      if (!Array.isArray(set) || set.length === 0) return { defined: false, evalNs: outcome.evalNs };
      return { defined: true, result: set[0].result, evalNs: outcome.evalNs };
    });
  }

  /** Evaluates one entrypoint; the answer is undefined when the result set is empty. */
  evaluateEntrypoint(entrypoint: string, options: QueryOptions): Promise<QueryAnswer> {
    return this.track(() => this.evaluateOne(entrypoint, options));
  }

  private async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
      if (this.inFlight === 0 && this.retiring) this.retiring();
    }
  }

  private async evaluateOne(entrypoint: string, options: QueryOptions): Promise<QueryAnswer> {
    const policy = this.entrypoints.get(entrypoint);
    if (!policy || !this.pool) return { defined: false, evalNs: 0 };
    const outcome = await this.pool.evaluate({
      policy,
      entrypoint,
      inputJson: options.inputJson,
      strictBuiltinErrors: options.strictBuiltinErrors,
      deadlineMs: options.deadlineMs,
      background: options.background,
    });
    const set = outcome.resultSet as { result: unknown }[];
    if (!Array.isArray(set) || set.length === 0) return { defined: false, evalNs: outcome.evalNs };
    return { defined: true, result: set[0].result, evalNs: outcome.evalNs };
  }

  /**
   * Answers a data path the way OPA's data API does: an entrypoint is
   * evaluated; a path inside an entrypoint's value descends into it; any
   * other document the bundles' Rego sources define is compiled on first
   * use and evaluated; without sources, a prefix of entrypoints assembles
   * their values over the base data below it, and base data answers for
   * itself.
   */
  query(path: string[], options: QueryOptions): Promise<QueryAnswer> {
    return this.track(() => this.answer(path, options));
  }

  private async answer(path: string[], options: QueryOptions): Promise<QueryAnswer> {
    const key = path.join('/');
    if (this.entrypoints.has(key)) return await this.evaluateOne(key, options);
    for (let i = path.length - 1; i > 0; i--) {
      const prefix = path.slice(0, i).join('/');
      if (this.entrypoints.has(prefix)) {
        const answer = await this.evaluateOne(prefix, options);
        if (!answer.defined) return answer;
        const inner = descend(answer.result, path.slice(i));
        return { defined: inner.found, result: inner.value, evalNs: answer.evalNs };
      }
    }
    if (this.onDemand && (await this.onDemand.defines(path)))
      return await this.evaluateOnDemand(path, options);
    const base = descend(this.data, path);
    const below = [...this.entrypoints.keys()].filter((e) => key === '' || e.startsWith(key + '/'));
    if (below.length === 0) {
      if (!base.found) this.checkCompilable(key);
      return { defined: base.found, result: base.value, evalNs: 0 };
    }
    if (base.found && !isObject(base.value)) return { defined: true, result: base.value, evalNs: 0 };
    const assembled: Record<string, unknown> = base.found
      ? structuredClone(base.value as Record<string, unknown>)
      : {};
    let evalNs = 0;
    let anyDefined = base.found;
    for (const entrypoint of below.sort()) {
      const answer = await this.evaluateOne(entrypoint, options);
      evalNs += answer.evalNs;
      if (!answer.defined) continue;
      anyDefined = true;
      setAt(
        assembled,
        key === '' ? entrypoint.split('/') : entrypoint.slice(key.length + 1).split('/'),
        answer.result,
      );
    }
    return anyDefined ? { defined: true, result: assembled, evalNs } : { defined: false, evalNs };
  }

  private evaluateOnDemand(path: string[], options: QueryOptions): Promise<QueryAnswer> {
    return this.onDemand!.withPolicy(path, async ({ policyId, entrypoint }) => {
      const outcome = await this.pool!.evaluate({
        policy: policyId,
        entrypoint,
        inputJson: options.inputJson,
        strictBuiltinErrors: options.strictBuiltinErrors,
        deadlineMs: options.deadlineMs,
        background: options.background,
      });
      const set = outcome.resultSet as { result: unknown }[];
      if (!Array.isArray(set) || set.length === 0) return { defined: false, evalNs: outcome.evalNs };
      return { defined: true, result: set[0].result, evalNs: outcome.evalNs };
    });
  }

  /**
   * A path no entrypoint, source or base data answers, while some bundle
   * has compiled policies without their sources: it may be a rule those
   * policies hold but do not expose, so say so rather than answer undefined.
   */
  private checkCompilable(key: string): void {
    const withoutSources = this.bundles
      .filter(({ bundle }) => bundle.wasm.length > 0 && bundle.rego.length === 0)
      .map(({ name }) => name);
    if (withoutSources.length === 0) return;
    const entrypoints = this.entrypointNames().sort();
    throw new OnDemandError(
      'document_not_compiled',
      `data/${key} is not an entrypoint of the loaded bundles, and ${withoutSources.join(', ')} ` +
        `carr${withoutSources.length === 1 ? 'ies' : 'y'} no Rego sources to compile it from ` +
        `(portcullis build keeps them in the bundle); entrypoints: ${entrypoints.join(', ') || 'none'}`,
    );
  }

  /** Waits for requests in flight on this generation, then stops its workers. */
  async retire(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.retiring = resolve));
    await this.onDemand?.close();
    await this.pool?.close();
  }

  /** What was compiled on demand in this generation (for diagnostics and tests). */
  onDemandStats() {
    return this.onDemand?.stats();
  }
}
