import { rootsOverlap, type Bundle } from '../../bundle/index.js';
import type { Generation } from '../eval/generation.js';
import { descend, mergeData } from '../eval/generation.js';
import { CandidateError } from './errors.js';

/** A candidate's answer to one decision: its result, or why it has none. */
export type CandidateAnswer =
  { defined: true; result: unknown } | { defined: false } | { error: { code: string; message: string } };

export interface CandidateQuery {
  /** Data path, e.g. `['gateway', 'decision']`. */
  path: string[];
  /** The input as JSON text; undefined when the decision had none. */
  inputJson?: string;
  deadlineMs?: number;
}

/**
 * A bundle evaluated beside the live ones, in the live evaluation pool: a
 * replay's candidate or the shadow bundle. Its policies are loaded into
 * the pool of whichever generation is current when it is asked (with its
 * own data: its bundle's, over the live bundles' data outside its roots,
 * as if it had replaced the live bundle it overlaps), and unloaded when the
 * candidate is dropped. Its evaluations are background work: they never
 * hold up a live decision longer than one small batch (EvalPool).
 */
export class Candidate {
  /** Entrypoint (`a/b`) → policy id, from the manifest's `wasm` resolvers. */
  private readonly entrypoints = new Map<string, string>();
  private readonly installed = new Set<Generation>();
  private inFlight = 0;
  private idle?: () => void;
  private dropped = false;

  constructor(
    /** Unique among the candidates of this process (policy ids are `{id}:{module}`). */
    readonly id: string,
    readonly bundle: Bundle,
  ) {
    if (bundle.wasm.length === 0)
      throw new CandidateError(
        'candidate_invalid',
        'the candidate bundle holds no policy.wasm (build it with portcullis build)',
      );
    for (const { entrypoint, module } of bundle.manifest.wasm) {
      if (bundle.wasm.some((w) => w.path === module)) this.entrypoints.set(entrypoint, `${id}:${module}`);
    }
    if (this.entrypoints.size === 0)
      throw new CandidateError('candidate_invalid', 'the candidate manifest names no wasm entrypoint');
  }

  get revision(): string {
    return this.bundle.manifest.revision;
  }

  entrypointNames(): string[] {
    return [...this.entrypoints.keys()].sort();
  }

  /** The candidate's data over the live data outside its roots. */
  private dataFor(generation: Generation): string {
    const data: Record<string, unknown> = {};
    for (const live of generation.bundles) {
      const overlaps = live.bundle.manifest.roots.some((a) =>
        this.bundle.manifest.roots.some((b) => rootsOverlap(a, b)),
      );
      if (!overlaps) mergeData(data, structuredClone(live.bundle.data));
    }
    mergeData(data, structuredClone(this.bundle.data));
    return JSON.stringify(data);
  }

  private install(generation: Generation): void {
    if (this.installed.has(generation)) return;
    // Older generations retire with their pools (and these policies): only forget them.
    this.installed.clear();
    const dataJson = this.dataFor(generation);
    for (const module of this.bundle.wasm) {
      const loaded = generation.addGuest({ id: `${this.id}:${module.path}`, wasm: module.bytes, dataJson });
      if (!loaded)
        throw new CandidateError(
          'candidate_unavailable',
          'no live bundle is loaded yet: there is no pool to use',
        );
    }
    this.installed.add(generation);
  }

  /**
   * Evaluates one decision on the current generation's pool. A path that
   * is not an entrypoint of the candidate, nor under one, has no answer
   * (`not_entrypoint`); evaluation failures are answers too, not throws.
   */
  async evaluate(generation: Generation, query: CandidateQuery): Promise<CandidateAnswer> {
    if (this.dropped) return { error: { code: 'candidate_dropped', message: 'the candidate was dropped' } };
    let entrypoint: string | undefined;
    let rest: string[] = [];
    for (let i = query.path.length; i > 0; i--) {
      const key = query.path.slice(0, i).join('/');
      if (this.entrypoints.has(key)) {
        entrypoint = key;
        rest = query.path.slice(i);
        break;
      }
    }
    if (entrypoint === undefined)
      return {
        error: {
          code: 'not_entrypoint',
          message: `data/${query.path.join('/')} is not an entrypoint of the candidate (${this.entrypointNames().join(', ')})`,
        },
      };
    this.inFlight++;
    try {
      this.install(generation);
      const answer = await generation.evaluateGuest(this.entrypoints.get(entrypoint)!, entrypoint, {
        inputJson: query.inputJson,
        deadlineMs: query.deadlineMs,
        background: true,
      });
      if (!answer.defined) return { defined: false };
      if (rest.length === 0) return { defined: true, result: answer.result };
      const inner = descend(answer.result, rest);
      return inner.found ? { defined: true, result: inner.value } : { defined: false };
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      return {
        error: {
          code: typeof code === 'string' ? code : 'evaluation_error',
          message: err instanceof Error ? err.message : String(err),
        },
      };
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.idle?.();
    }
  }

  /** Unloads the candidate from every pool it was loaded into, once its evaluations finished. */
  async drop(): Promise<void> {
    this.dropped = true;
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    for (const generation of this.installed)
      for (const module of this.bundle.wasm) generation.removeGuest(`${this.id}:${module.path}`);
    this.installed.clear();
  }
}
