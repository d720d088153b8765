import { checkRootsDisjoint, type Bundle } from '../../bundle/index.js';
import { Generation, type GenerationOptions, type NamedBundle } from '../eval/generation.js';
import type { BundleSink, BundleSource } from './source.js';

/** Per-bundle status, in the shape of OPA's status API `bundles` entries. */
export interface BundleStatus {
  name: string;
  active_revision?: string;
  last_successful_activation?: string;
  last_successful_download?: string;
  last_successful_request?: string;
  last_request?: string;
  /** Set while the latest attempt failed (the last good revision keeps serving). */
  code?: string;
  message?: string;
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'bundle_error';
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface RegistryEvents {
  onActivated?: (name: string, revision: string) => void;
  onFailed?: (name: string, error: unknown) => void;
}

/**
 * Owns the active generation. Sources report bundles here; each new bundle
 * builds a whole new generation (roots checked across bundles, policies
 * loaded into fresh workers) and only a generation that loaded swaps in.
 * Activations run one at a time.
 */
export class BundleRegistry implements BundleSink {
  private generation = Generation.empty();
  private readonly statuses = new Map<string, BundleStatus>();
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly sources: BundleSource[],
    private readonly options: GenerationOptions,
    private readonly events: RegistryEvents = {},
  ) {
    for (const source of sources) this.statuses.set(source.name, { name: source.name });
  }

  /** The generation new requests should use. */
  get current(): Generation {
    return this.generation;
  }

  /** Starts every source and waits for each first attempt. */
  async start(): Promise<void> {
    await Promise.all(this.sources.map((source) => source.start(this)));
  }

  status(): Record<string, BundleStatus> {
    return Object.fromEntries([...this.statuses].map(([name, status]) => [name, { ...status }]));
  }

  /** Names of bundles that have never been activated. */
  notActivated(): string[] {
    return [...this.statuses.values()].filter((s) => s.active_revision === undefined).map((s) => s.name);
  }

  private statusOf(name: string): BundleStatus {
    let status = this.statuses.get(name);
    if (!status) {
      status = { name };
      this.statuses.set(name, status);
    }
    return status;
  }

  requested(name: string, outcome: { modified: boolean }): void {
    const now = new Date().toISOString();
    const status = this.statusOf(name);
    status.last_request = now;
    status.last_successful_request = now;
    if (outcome.modified) status.last_successful_download = now;
    else {
      delete status.code;
      delete status.message;
    }
  }

  failed(name: string, error: unknown): void {
    const status = this.statusOf(name);
    status.last_request = new Date().toISOString();
    status.code = errorCode(error);
    status.message = errorText(error);
    this.events.onFailed?.(name, error);
  }

  activate(name: string, bundle: Bundle): Promise<void> {
    const run = this.chain.then(() => this.swap(name, bundle));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async swap(name: string, bundle: Bundle): Promise<void> {
    if (this.closed) return;
    const others = this.generation.bundles.filter((b) => b.name !== name);
    const next: NamedBundle[] = [...others, { name, bundle }];
    let generation: Generation;
    try {
      checkRootsDisjoint(next.map((b) => ({ name: b.name, manifest: b.bundle.manifest })));
      generation = await Generation.create(next, this.options);
    } catch (err) {
      this.failed(name, err);
      throw err;
    }
    if (this.closed) {
      await generation.retire();
      return;
    }
    const previous = this.generation;
    this.generation = generation;
    const status = this.statusOf(name);
    status.active_revision = bundle.manifest.revision;
    status.last_successful_activation = new Date().toISOString();
    delete status.code;
    delete status.message;
    this.events.onActivated?.(name, bundle.manifest.revision);
    void previous.retire();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.sources.map((s) => s.stop()));
    await this.chain;
    await this.generation.retire();
  }
}
