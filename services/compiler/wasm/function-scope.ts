import { WasmCodegenError } from './errors.js';
import type { ScanOwner } from './scan-order.js';

/**
 * Per wasm function state while lowering: which wasm local holds each IR
 * local, and the stack of enclosing wasm labels that `BreakStmt` and failing
 * statements jump to (innermost last).
 */
export class FunctionScope {
  private readonly locals = new Map<number, number>();
  private nextIndex: number;
  private readonly labels: string[] = [];
  private labelCount = 0;
  readonly paramCount: number;
  /** The wasm parameter holding the result set, in a plan's function. */
  readonly resultSet?: number;
  /** The function's slot in the memo table, when its result is memoised (rules: input and data only). */
  memoSlot?: number;
  /** What is being lowered, for analyses that look beyond one statement (scan-order.ts). */
  owner?: ScanOwner;

  /**
   * @param params IR locals bound to the wasm parameters, in order.
   * @param withResultSet whether one more parameter, the plan's result set, follows them.
   */
  constructor(
    readonly name: string,
    params: readonly number[],
    withResultSet = false,
  ) {
    params.forEach((local, index) => this.locals.set(local, index));
    if (withResultSet) this.resultSet = params.length;
    this.paramCount = params.length + (withResultSet ? 1 : 0);
    this.nextIndex = this.paramCount;
  }

  /** The wasm local of an IR local (allocated on first use; wasm zero-initialises it, i.e. undefined). */
  local(irLocal: number): number {
    let index = this.locals.get(irLocal);
    if (index === undefined) {
      index = this.nextIndex++;
      this.locals.set(irLocal, index);
    }
    return index;
  }

  /** A fresh wasm local for the generator's own use. */
  temp(): number {
    return this.nextIndex++;
  }

  /** Number of wasm locals beyond the parameters. */
  get varCount(): number {
    return this.nextIndex - this.paramCount;
  }

  pushLabel(kind: string): string {
    const label = `${kind}${this.labelCount++}`;
    this.labels.push(label);
    return label;
  }

  popLabel(): void {
    this.labels.pop();
  }

  /** The label `index` levels out (0 = innermost), or undefined when there is none. */
  label(index: number): string | undefined {
    return index >= 0 && index < this.labels.length ? this.labels[this.labels.length - 1 - index] : undefined;
  }

  /** Where an undefined statement jumps: the end of the innermost block. */
  get failLabel(): string {
    const label = this.label(0);
    if (label === undefined) {
      throw new WasmCodegenError('wasm_invalid_plan', `${this.name}: statement outside of any block`);
    }
    return label;
  }
}
