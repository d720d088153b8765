/**
 * Bookkeeping shared by the planner: the policy being built, its string and
 * file tables, local allocation, scoped var bindings, the current block and
 * the source location stamped on each statement.
 */
import type { Location } from '../rego/ast.js';
import type { Block, Local, Operand, Policy, Stmt, StmtLocation } from './ir.js';

/** A statement before its location is stamped. */
export type StmtBody = Stmt extends infer S
  ? S extends { type: infer T; stmt: infer B }
    ? { type: T; stmt: Omit<B, keyof StmtLocation> }
    : never
  : never;

export function local(value: Local): Operand {
  return { type: 'local', value };
}

export function bool(value: boolean): Operand {
  return { type: 'bool', value };
}

export class VarStack {
  private frames: Map<string, Local>[];

  constructor(root: Record<string, Local>) {
    this.frames = [new Map(Object.entries(root))];
  }

  get(name: string): Local | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const v = this.frames[i].get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  put(name: string, l: Local): void {
    this.frames[this.frames.length - 1].set(name, l);
  }

  push(): void {
    this.frames.push(new Map());
  }

  pop(): void {
    this.frames.pop();
  }
}

export class PlanBuilder {
  readonly policy: Policy = {
    static: { strings: [], builtin_funcs: [], files: [] },
    plans: { plans: [] },
    funcs: { funcs: [] },
  };
  private readonly strings = new Map<string, number>();
  private readonly files = new Map<string, number>();
  curr: Block = { stmts: [] };
  lnext: Local = 0;
  loc: Location | undefined;

  newLocal(): Local {
    return this.lnext++;
  }

  stringIndex(s: string): number {
    let i = this.strings.get(s);
    if (i === undefined) {
      i = this.policy.static.strings.length;
      this.policy.static.strings.push({ value: s });
      this.strings.set(s, i);
    }
    return i;
  }

  stringOperand(s: string): Operand {
    return { type: 'string_index', value: this.stringIndex(s) };
  }

  private fileIndex(f: string): number {
    let i = this.files.get(f);
    if (i === undefined) {
      i = this.policy.static.files.length;
      this.policy.static.files.push({ value: f });
      this.files.set(f, i);
    }
    return i;
  }

  stamp(s: StmtBody): Stmt {
    const where: StmtLocation = this.loc
      ? { file: this.fileIndex(this.loc.file || '<query>'), row: this.loc.row, col: this.loc.col }
      : { file: 0, row: 0, col: 0 };
    return { type: s.type, stmt: { ...s.stmt, ...where } } as Stmt;
  }

  emit(s: StmtBody): void {
    this.curr.stmts.push(this.stamp(s));
  }

  emitTo(block: Block, s: StmtBody): void {
    block.stmts.push(this.stamp(s));
  }

  blockWith(...stmts: StmtBody[]): Block {
    return { stmts: stmts.map((s) => this.stamp(s)) };
  }
}
