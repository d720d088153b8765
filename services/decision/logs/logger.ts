import type { Generation } from '../eval/generation.js';
import { buildEvent, type DecisionEvent, type DecisionFacts } from './event.js';
import { logRulesAreConstant } from './constant-rules.js';
import { applyMask, parseMaskRules, type MaskRule } from './mask.js';

export const MASK_ENTRYPOINT = 'system/log/mask';
export const DROP_ENTRYPOINT = 'system/log/drop';

export interface DecisionLoggerStats {
  events: number;
  dropped_by_policy: number;
  /** Events not logged because the mask rule failed or returned invalid rules (OPA drops those too). */
  mask_errors: number;
  last_mask_error?: string;
}

/** `system.log.drop` and `system.log.mask` when they are the same for every event. */
interface ConstantRules {
  drop: boolean;
  mask: MaskRule[] | undefined;
}

export interface EventSink {
  /** `inputJson`: `event.input` as JSON, when the masks left it as it was decided on. */
  enqueue(event: DecisionEvent, inputJson?: string): void;
}

/**
 * Turns each decision into an event, applies the bundle's `system.log.drop`
 * and `system.log.mask` rules (evaluated with the event as input, off the
 * request path) and hands the result to the sinks.
 */
export class DecisionLogger {
  private readonly counts: DecisionLoggerStats = { events: 0, dropped_by_policy: 0, mask_errors: 0 };
  private pending = new Set<Promise<void>>();
  /** Per generation: its constant log rules, or null when they must be evaluated with each event. */
  private readonly constants = new WeakMap<Generation, Promise<ConstantRules | null>>();
  /** The same, once evaluated. */
  private readonly settled = new WeakMap<Generation, ConstantRules>();

  constructor(private readonly sinks: EventSink[]) {}

  log(facts: DecisionFacts, generation: Generation): void {
    if (this.sinks.length === 0) return;
    const known = this.settled.get(generation);
    if (known) {
      // Constant rules already evaluated: no promise, no await, on the request's turn of the loop.
      this.emit(buildEvent(facts), known, facts.inputJson);
      return;
    }
    const work = this.process(buildEvent(facts), generation, facts.inputJson).finally(() =>
      this.pending.delete(work),
    );
    this.pending.add(work);
  }

  private constantRules(generation: Generation): Promise<ConstantRules | null> {
    let rules = this.constants.get(generation);
    if (!rules) {
      rules = logRulesAreConstant(generation) ? this.evaluateConstant(generation) : Promise.resolve(null);
      rules.then((known) => {
        if (known) this.settled.set(generation, known);
      });
      this.constants.set(generation, rules);
    }
    return rules;
  }

  private emit(event: DecisionEvent, rules: ConstantRules, inputJson: string | undefined): void {
    if (rules.drop) {
      this.counts.dropped_by_policy++;
      return;
    }
    this.deliver(rules.mask ? applyMask(event, rules.mask) : event, event.input, inputJson);
  }

  /** Hands the event on, with the input's JSON when masking left the input (copied on write) untouched. */
  private deliver(event: DecisionEvent, decidedInput: unknown, inputJson: string | undefined): void {
    const same = inputJson !== undefined && event.input === decidedInput ? inputJson : undefined;
    this.counts.events++;
    for (const sink of this.sinks) sink.enqueue(event, same);
  }

  /** Evaluates constant rules once (any input gives the same answer); null falls back to each event. */
  private async evaluateConstant(generation: Generation): Promise<ConstantRules | null> {
    try {
      const inputJson = '{}';
      const drop = generation.hasEntrypoint(DROP_ENTRYPOINT)
        ? await generation.evaluateEntrypoint(DROP_ENTRYPOINT, { inputJson })
        : undefined;
      const mask = generation.hasEntrypoint(MASK_ENTRYPOINT)
        ? await generation.evaluateEntrypoint(MASK_ENTRYPOINT, { inputJson })
        : undefined;
      return {
        drop: drop?.defined === true && drop.result === true,
        mask: mask?.defined ? parseMaskRules(mask.result) : undefined,
      };
    } catch {
      return null;
    }
  }

  private async process(
    event: DecisionEvent,
    generation: Generation,
    inputJson: string | undefined,
  ): Promise<void> {
    const constant = await this.constantRules(generation);
    if (constant) {
      this.emit(event, constant, inputJson);
      return;
    }
    const decidedInput = event.input;
    // The rules' input is the event itself.
    const eventJson = JSON.stringify(event);
    try {
      if (generation.hasEntrypoint(DROP_ENTRYPOINT)) {
        const drop = await generation.evaluateEntrypoint(DROP_ENTRYPOINT, { inputJson: eventJson });
        if (drop.defined && drop.result === true) {
          this.counts.dropped_by_policy++;
          return;
        }
      }
      if (generation.hasEntrypoint(MASK_ENTRYPOINT)) {
        const mask = await generation.evaluateEntrypoint(MASK_ENTRYPOINT, { inputJson: eventJson });
        if (mask.defined) event = applyMask(event, parseMaskRules(mask.result));
      }
    } catch (err) {
      this.counts.mask_errors++;
      this.counts.last_mask_error = err instanceof Error ? err.message : String(err);
      return;
    }
    this.deliver(event, decidedInput, inputJson);
  }

  /** Waits for events still being masked (shutdown and tests). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  stats(): DecisionLoggerStats {
    return { ...this.counts };
  }
}
