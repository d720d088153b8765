/**
 * Scoped tables the planner keeps while planning `with`: planned rule
 * functions per generation (re-planned when `with` changes what they see)
 * and function mocks (`with f as g`).
 */
import type { Term } from '../rego/ast.js';

export class FuncStack {
  private readonly frames: Map<string, string>[] = [new Map()];
  private readonly gens: number[] = [0];
  private next = 0;

  gen(): number {
    return this.gens[this.gens.length - 1];
  }

  get(path: string): string | undefined {
    return this.frames[this.frames.length - 1].get(path);
  }

  add(path: string, name: string): void {
    this.frames[this.frames.length - 1].set(path, name);
  }

  push(): void {
    this.frames.push(new Map());
    this.gens.push(++this.next);
  }

  pop(): void {
    this.frames.pop();
    this.gens.pop();
  }
}

/** Frames of `with` function replacements; a barrier hides outer frames. */
export class MockStack {
  private readonly frames: (Map<string, Term> | 'barrier')[] = [];

  pushFrame(frame: Map<string, Term>): void {
    this.frames.push(frame);
  }

  popFrame(): void {
    this.frames.pop();
  }

  pushBarrier(): void {
    this.frames.push('barrier');
  }

  lookup(name: string): Term | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (f === 'barrier') return undefined;
      const t = f.get(name);
      if (t) return t;
    }
    return undefined;
  }
}
