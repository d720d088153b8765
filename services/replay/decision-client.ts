import type { Outcome } from './compare.js';
import { ReplayError } from './errors.js';

export interface LoadedCandidate {
  id: string;
  revision: string;
  entrypoints: string[];
}

/** A decision to evaluate: its data path and input. */
export interface CandidateDecision {
  path: string;
  input?: unknown;
}

/**
 * The workers' client of a decision service's candidate API
 * (`/v1/candidates`, services/decision/api/candidate-routes.ts), with the
 * shared replay token.
 */
export class CandidateClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 120_000,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  private async call<T>(method: string, path: string, body?: Uint8Array | string, type?: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: 'application/json',
          ...(type ? { 'content-type': type } : {}),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new ReplayError('replay_failed', `the decision service at ${this.base} did not answer`, {
        cause: err,
      });
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: { code?: string; message?: string } & Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new ReplayError('replay_failed', `the decision service answered ${response.status}, not JSON`);
    }
    if (!response.ok) {
      // The candidate's own faults are the caller's to fix; the rest is the service's.
      const status = response.status === 400 || response.status === 413 ? 400 : 502;
      throw new ReplayError(
        status === 400 ? 'replay_invalid' : 'replay_failed',
        `decision service: ${parsed.code ?? response.status}: ${parsed.message ?? ''}`,
      );
    }
    return parsed as T;
  }

  load(bundle: Uint8Array): Promise<LoadedCandidate> {
    return this.call('POST', '/v1/candidates', bundle, 'application/gzip');
  }

  /** The candidate's answers, and with `withLive` the live bundles' answers to the same inputs. */
  async evaluate(
    id: string,
    decisions: CandidateDecision[],
    withLive = false,
  ): Promise<{ results: Outcome[]; live?: Outcome[] }> {
    const answer = await this.call<{ results: Outcome[]; live?: Outcome[] }>(
      'POST',
      `/v1/candidates/${encodeURIComponent(id)}/evaluate`,
      JSON.stringify(withLive ? { decisions, baseline: 'live' } : { decisions }),
      'application/json',
    );
    const sameLength = (list: unknown) => Array.isArray(list) && list.length === decisions.length;
    if (!sameLength(answer.results) || (withLive && !sameLength(answer.live)))
      throw new ReplayError('replay_failed', 'the decision service answered a different number of results');
    return answer;
  }

  async drop(id: string): Promise<void> {
    await this.call('DELETE', `/v1/candidates/${encodeURIComponent(id)}`);
  }
}
