/**
 * Which locals of a function or plan the code ever uses, and how often
 * each is read, so that the lowering can skip work whose result nothing
 * reads: the key of `some x in xs` (a number made per array element), or
 * the boolean of `a == b` that only a following test reads.
 */
import type { Block, Local, Stmt } from '../plan/ir.js';
import { readsOf, type ScanOwner } from './scan-order.js';

export interface LocalUses {
  /**
   * Locals whose value is used: read by a statement other than a copy
   * (`AssignVarStmt`) into a local that is itself unused.
   */
  used: Set<Local>;
  /** How many statements read each local (copies included), plus the owner's implicit reads. */
  reads: Map<Local, number>;
}

function eachStmt(blocks: Block[], visit: (stmt: Stmt) => void): void {
  for (const block of blocks) {
    for (const stmt of block.stmts) {
      visit(stmt);
      switch (stmt.type) {
        case 'BlockStmt':
          eachStmt(stmt.stmt.blocks, visit);
          break;
        case 'ScanStmt':
        case 'NotStmt':
        case 'WithStmt':
          eachStmt([stmt.stmt.block], visit);
          break;
      }
    }
  }
}

function analyse(owner: ScanOwner): LocalUses {
  const reads = new Map<Local, number>();
  const copies: [source: Local, target: Local][] = [];
  const used = new Set<Local>(owner.implicitReads);
  for (const local of owner.implicitReads) reads.set(local, (reads.get(local) ?? 0) + 1);
  eachStmt(owner.blocks, (stmt) => {
    for (const local of readsOf(stmt)) reads.set(local, (reads.get(local) ?? 0) + 1);
    if (stmt.type === 'AssignVarStmt' && stmt.stmt.source.type === 'local') {
      copies.push([stmt.stmt.source.value, stmt.stmt.target]);
    } else {
      for (const local of readsOf(stmt)) used.add(local);
    }
  });
  // A copy uses its source once its target is used: iterate until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    for (const [source, target] of copies) {
      if (used.has(target) && !used.has(source)) {
        used.add(source);
        changed = true;
      }
    }
  }
  return { used, reads };
}

const cache = new WeakMap<ScanOwner, LocalUses>();

export function localUses(owner: ScanOwner): LocalUses {
  let uses = cache.get(owner);
  if (uses === undefined) {
    uses = analyse(owner);
    cache.set(owner, uses);
  }
  return uses;
}
