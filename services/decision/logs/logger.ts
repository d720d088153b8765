import type { Generation } from '../eval/generation.js';
import { buildEvent, type DecisionEvent, type DecisionFacts } from './event.js';
import { applyMask, parseMaskRules } from './mask.js';

export const MASK_ENTRYPOINT = 'system/log/mask';
export const DROP_ENTRYPOINT = 'system/log/drop';

export interface DecisionLoggerStats {
  events: number;
  dropped_by_policy: number;
  /** Events not logged because the mask rule failed or returned invalid rules (OPA drops those too). */
  mask_errors: number;
  last_mask_error?: string;
}

export interface EventSink {
  enqueue(event: DecisionEvent): void;
}

/**
 * Turns each decision into an event, applies the bundle's `system.log.drop`
 * and `system.log.mask` rules (evaluated with the event as input, off the
 * request path) and hands the result to the sinks.
 */
export class DecisionLogger {
  private readonly counts: DecisionLoggerStats = { events: 0, dropped_by_policy: 0, mask_errors: 0 };
  private pending = new Set<Promise<void>>();

  constructor(private readonly sinks: EventSink[]) {}

  log(facts: DecisionFacts, generation: Generation): void {
    if (this.sinks.length === 0) return;
    const work = this.process(buildEvent(facts), generation).finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  private async process(event: DecisionEvent, generation: Generation): Promise<void> {
    const inputJson = JSON.stringify(event);
    try {
      if (generation.hasEntrypoint(DROP_ENTRYPOINT)) {
        const drop = await generation.evaluateEntrypoint(DROP_ENTRYPOINT, { inputJson });
        if (drop.defined && drop.result === true) {
          this.counts.dropped_by_policy++;
          return;
        }
      }
      if (generation.hasEntrypoint(MASK_ENTRYPOINT)) {
        const mask = await generation.evaluateEntrypoint(MASK_ENTRYPOINT, { inputJson });
        if (mask.defined) event = applyMask(event, parseMaskRules(mask.result));
      }
    } catch (err) {
      this.counts.mask_errors++;
      this.counts.last_mask_error = err instanceof Error ? err.message : String(err);
      return;
    }
    this.counts.events++;
    for (const sink of this.sinks) sink.enqueue(event);
  }

  /** Waits for events still being masked (shutdown and tests). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  stats(): DecisionLoggerStats {
    return { ...this.counts };
  }
}
