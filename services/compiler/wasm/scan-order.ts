/**
 * Which scans may visit a collection in any order. OPA iterates sets and
 * objects in key order, which costs a sort; when nothing a scan's body does
 * can tell one order from another, the runtime may walk its hash buckets
 * instead (as OPA's own WASM runtime always does).
 *
 * A body is order-free when each of its statements is: pure reads, tests,
 * calls, set insertions, `AssignVarOnceStmt` (the same value, or a conflict,
 * whatever the order), and inserts into collections made in the same
 * iteration; no result-set entries, no break out of the loop, and no local it
 * writes (other than by `AssignVarOnceStmt`) read after the scan.
 */
import type { Block, Local, Operand, ScanStmt, Stmt } from '../plan/ir.js';

type Scan = ScanStmt['stmt'];

interface BodyFacts {
  orderFree: boolean;
  /** Locals written other than by AssignVarOnceStmt. */
  written: Set<Local>;
  /** Locals made by Make{Array,Object,Set}Stmt. */
  made: Set<Local>;
  /** Locals written by a statement other than a Make*Stmt. */
  assigned: Set<Local>;
  /** Collections inserted into, other than sets. */
  mutated: Set<Local>;
  /** Sets added to. */
  setsAdded: Set<Local>;
  /** AssignVarOnceStmt targets, with the constant assigned (undefined when a local is). */
  once: Map<Local, string | undefined>;
}

function operandLocals(ops: (Operand | undefined)[]): Local[] {
  return ops.filter((op): op is Operand => op?.type === 'local').map((op) => op.value as Local);
}

/** Locals a statement reads (its own operands; nested blocks not included). */
export function readsOf(stmt: Stmt): Local[] {
  switch (stmt.type) {
    case 'CallStmt':
      return operandLocals(stmt.stmt.args);
    case 'CallDynamicStmt':
      return [...stmt.stmt.args, ...operandLocals(stmt.stmt.path)];
    case 'DotStmt':
      return operandLocals([stmt.stmt.source, stmt.stmt.key]);
    case 'LenStmt':
      return operandLocals([stmt.stmt.source]);
    case 'ScanStmt':
      return [stmt.stmt.source];
    case 'AssignVarStmt':
    case 'AssignVarOnceStmt':
      return [
        ...operandLocals([stmt.stmt.source]),
        ...(stmt.type === 'AssignVarOnceStmt' ? [stmt.stmt.target] : []),
      ];
    case 'EqualStmt':
    case 'NotEqualStmt':
      return operandLocals([stmt.stmt.a, stmt.stmt.b]);
    case 'IsArrayStmt':
    case 'IsObjectStmt':
    case 'IsSetStmt':
      return operandLocals([stmt.stmt.source]);
    case 'IsDefinedStmt':
    case 'IsUndefinedStmt':
    case 'ReturnLocalStmt':
      return [stmt.stmt.source];
    case 'ArrayAppendStmt':
      return [stmt.stmt.array, ...operandLocals([stmt.stmt.value])];
    case 'ObjectInsertStmt':
    case 'ObjectInsertOnceStmt':
      return [stmt.stmt.object, ...operandLocals([stmt.stmt.key, stmt.stmt.value])];
    case 'ObjectMergeStmt':
      return [stmt.stmt.a, stmt.stmt.b];
    case 'SetAddStmt':
      return [stmt.stmt.set, ...operandLocals([stmt.stmt.value])];
    case 'WithStmt':
      return [stmt.stmt.local, ...operandLocals([stmt.stmt.value])];
    case 'ResultSetAddStmt':
      return [stmt.stmt.value];
    default:
      return [];
  }
}

/** Blocks nested in a statement, with the number of wasm labels each adds (see lower-stmt.ts). */
function nestedBlocks(stmt: Stmt): { block: Block; labels: number }[] {
  switch (stmt.type) {
    case 'BlockStmt':
      return stmt.stmt.blocks.map((block) => ({ block, labels: 1 }));
    case 'ScanStmt':
      return [{ block: stmt.stmt.block, labels: 2 }];
    case 'NotStmt':
    case 'WithStmt':
      return [{ block: stmt.stmt.block, labels: 1 }];
    default:
      return [];
  }
}

function collect(block: Block, depth: number, facts: BodyFacts): void {
  const write = (local: Local): void => {
    facts.written.add(local);
    facts.assigned.add(local);
  };
  for (const stmt of block.stmts) {
    switch (stmt.type) {
      case 'ResultSetAddStmt':
        facts.orderFree = false;
        break;
      case 'BreakStmt':
        // `depth` labels lie between this statement and the scan's own `next` label.
        if (stmt.stmt.index > depth) facts.orderFree = false;
        break;
      case 'MakeArrayStmt':
      case 'MakeObjectStmt':
      case 'MakeSetStmt':
        facts.written.add(stmt.stmt.target);
        facts.made.add(stmt.stmt.target);
        break;
      case 'ArrayAppendStmt':
        facts.mutated.add(stmt.stmt.array);
        break;
      case 'ObjectInsertStmt':
      case 'ObjectInsertOnceStmt':
        facts.mutated.add(stmt.stmt.object);
        break;
      case 'SetAddStmt':
        facts.setsAdded.add(stmt.stmt.set);
        break;
      case 'AssignVarOnceStmt': {
        const { source, target } = stmt.stmt;
        const constant = source.type === 'local' ? undefined : `${source.type}:${source.value}`;
        const seen = facts.once.get(target);
        facts.once.set(target, facts.once.has(target) && seen !== constant ? undefined : constant);
        break;
      }
      case 'ScanStmt':
        write(stmt.stmt.key);
        write(stmt.stmt.value);
        break;
      case 'CallStmt':
      case 'CallDynamicStmt':
        write(stmt.stmt.result);
        break;
      case 'DotStmt':
      case 'LenStmt':
      case 'AssignVarStmt':
      case 'AssignIntStmt':
      case 'ResetLocalStmt':
      case 'MakeNullStmt':
      case 'MakeNumberIntStmt':
      case 'MakeNumberRefStmt':
      case 'ObjectMergeStmt':
        write(stmt.stmt.target);
        break;
    }
    for (const nested of nestedBlocks(stmt)) collect(nested.block, depth + nested.labels, facts);
  }
}

/** Every local read anywhere in `blocks`, except inside `skip`. */
function readsOutside(blocks: Block[], skip: Block, into: Set<Local>): void {
  for (const block of blocks) {
    if (block === skip) continue;
    for (const stmt of block.stmts) {
      for (const local of readsOf(stmt)) into.add(local);
      readsOutside(
        nestedBlocks(stmt).map((n) => n.block),
        skip,
        into,
      );
    }
  }
}

/** The blocks of the function or plan being lowered, and locals it reads besides (a function's return local). */
export interface ScanOwner {
  blocks: Block[];
  implicitReads: Local[];
}

function bodyFacts(scan: Scan, owner: ScanOwner): BodyFacts | undefined {
  const facts: BodyFacts = {
    orderFree: true,
    written: new Set(),
    made: new Set(),
    assigned: new Set(),
    mutated: new Set(),
    setsAdded: new Set(),
    once: new Map(),
  };
  facts.written.add(scan.key);
  facts.written.add(scan.value);
  collect(scan.block, 0, facts);
  if (!facts.orderFree) return undefined;
  // Inserts only into collections this iteration made itself (not reached through another local).
  const local = (l: Local): boolean => facts.made.has(l) && !facts.assigned.has(l);
  for (const l of facts.mutated) if (!local(l)) return undefined;
  const outside = new Set<Local>(owner.implicitReads);
  readsOutside(owner.blocks, scan.block, outside);
  for (const l of facts.written) if (outside.has(l)) return undefined;
  return facts;
}

/** Whether the scan's body cannot observe the order in which it visits the collection. */
export function scanIsOrderFree(scan: Scan, owner: ScanOwner): boolean {
  return bodyFacts(scan, owner) !== undefined;
}

/**
 * The local whose becoming defined ends the scan early, if any: when the
 * body's only lasting effect is assigning one constant to one local once
 * (`allow if { some x in xs; ... }`), the iterations after the first success
 * cannot change anything, as OPA's interpreter exits such rules early.
 */
export function scanExitLocal(scan: Scan, owner: ScanOwner): Local | undefined {
  const facts = bodyFacts(scan, owner);
  if (!facts || facts.once.size !== 1) return undefined;
  const local = (l: Local): boolean => facts.made.has(l) && !facts.assigned.has(l);
  for (const l of facts.setsAdded) if (!local(l)) return undefined;
  const [[target, constant]] = [...facts.once];
  return constant === undefined || facts.written.has(target) ? undefined : target;
}
