import { randomUUID, timingSafeEqual } from 'node:crypto';
import { readBundle, type BundleSizeLimits, type VerificationOptions } from '../../bundle/index.js';
import { Candidate } from './candidate.js';
import { CandidateError } from './errors.js';

export interface CandidatesOptions {
  /** The bearer token a caller must present (`replay.token`): candidates run code in the live pool. */
  token: string;
  /** Candidates loaded at once. @defaultValue 4 */
  maxLoaded?: number;
  /** A candidate unused this long is dropped (seconds). @defaultValue 600 */
  idleSeconds?: number;
  /** Size caps of an uploaded bundle. @defaultValue 64 MiB compressed, 128 MiB uncompressed */
  bundleLimits?: BundleSizeLimits;
  /** Signature check, as for the live bundles: without a key, a signed candidate is refused. */
  verification?: VerificationOptions;
}

interface Entry {
  candidate: Candidate;
  timer: NodeJS.Timeout;
}

/**
 * The candidate bundles loaded through the decision service's candidate
 * API (`/v1/candidates`), for replays: bounded in number, dropped when
 * idle, each evaluated in the live pool (Candidate).
 */
export class CandidateSet {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: CandidatesOptions) {}

  /** Checks `Authorization: Bearer <replay.token>` in constant time. */
  authorize(header: string | string[] | undefined): void {
    const given = typeof header === 'string' ? /^Bearer +(\S+)$/i.exec(header)?.[1] : undefined;
    const a = Buffer.from(given ?? '');
    const b = Buffer.from(this.options.token);
    if (a.length !== b.length || !timingSafeEqual(a, b))
      throw new CandidateError('candidates_unauthorized', 'the candidate API needs the replay token');
  }

  async add(bytes: Uint8Array): Promise<Candidate> {
    const max = this.options.maxLoaded ?? 4;
    if (this.entries.size >= max)
      throw new CandidateError('candidates_full', `${max} candidates are loaded already; drop one first`);
    const bundle = await readBundle(bytes, {
      name: 'candidate',
      verification: this.options.verification,
      ...this.options.bundleLimits,
    });
    const candidate = new Candidate(`candidate-${randomUUID()}`, bundle);
    this.entries.set(candidate.id, { candidate, timer: this.idleTimer(candidate.id) });
    return candidate;
  }

  private idleTimer(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => void this.remove(id), (this.options.idleSeconds ?? 600) * 1000);
    timer.unref();
    return timer;
  }

  /** The candidate of an id (its idle time starts again). */
  get(id: string): Candidate {
    const entry = this.entries.get(id);
    if (!entry)
      throw new CandidateError('candidate_not_found', `no candidate ${JSON.stringify(id.slice(0, 80))}`);
    clearTimeout(entry.timer);
    entry.timer = this.idleTimer(id);
    return entry.candidate;
  }

  async remove(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    clearTimeout(entry.timer);
    await entry.candidate.drop();
    return true;
  }

  size(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.remove(id)));
  }
}
