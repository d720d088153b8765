/**
 * Which scans may visit a collection in hash order (no sort), and which may
 * stop at the first success: only those whose body cannot tell the
 * difference. Then the same policies through the SDK give the same answers.
 */
import type { Block, Stmt } from '../../../services/compiler/plan/ir.js';
import { scanExitLocal, scanIsOrderFree } from '../../../services/compiler/wasm/scan-order.js';
import { compileRego } from '../../../services/compiler/index.js';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { block, bool, ensureRuntime, local, st, str } from './support.js';

beforeAll(ensureRuntime);

/** A function `(input, data) -> 2` whose first block scans local 4 with `body`, and whose later blocks are `after`. */
function owner(body: Stmt[], ...after: Block[]) {
  const scan = st('ScanStmt', { source: 4, key: 5, value: 6, block: block(...body) });
  return {
    scan: scan.stmt as Extract<Stmt, { type: 'ScanStmt' }>['stmt'],
    owner: { blocks: [block(st('ResetLocalStmt', { target: 3 }), scan), ...after], implicitReads: [2] },
  };
}

describe('scan order analysis', () => {
  it('lets a body of lookups, tests, calls and a constant assigned once go in any order, and stop early', () => {
    const { scan, owner: o } = owner([
      st('DotStmt', { source: local(6), key: str(0), target: 7 }),
      st('EqualStmt', { a: local(7), b: str(1) }),
      st('CallStmt', { func: 'g0.data.f', args: [local(0), local(1), local(6)], result: 8 }),
      st('AssignVarOnceStmt', { source: bool(true), target: 3 }),
    ]);
    expect(scanIsOrderFree(scan, o)).toBe(true);
    expect(scanExitLocal(scan, o)).toBe(3);
  });

  it('lets set insertions go in any order, but not stop early', () => {
    const { scan, owner: o } = owner([st('SetAddStmt', { set: 2, value: local(6) })]);
    expect(scanIsOrderFree(scan, o)).toBe(true);
    expect(scanExitLocal(scan, o)).toBeUndefined();
  });

  it.each<[string, Stmt[]]>([
    ['appends to an outer array', [st('ArrayAppendStmt', { array: 2, value: local(6) })]],
    ['inserts into an outer object', [st('ObjectInsertStmt', { object: 2, key: local(5), value: local(6) })]],
    ['adds to the result set', [st('ResultSetAddStmt', { value: 6 })]],
    ['breaks out of the loop', [st('BreakStmt', { index: 1 })]],
    ['writes the return local', [st('AssignVarStmt', { source: local(6), target: 2 })]],
  ])('keeps key order when the body %s', (_, body) => {
    const { scan, owner: o } = owner(body);
    expect(scanIsOrderFree(scan, o)).toBe(false);
    expect(scanExitLocal(scan, o)).toBeUndefined();
  });

  it('keeps key order when a local the body writes is read after the scan', () => {
    const { scan, owner: o } = owner(
      [st('AssignVarStmt', { source: local(6), target: 9 })],
      block(st('IsDefinedStmt', { source: 9 })),
    );
    expect(scanIsOrderFree(scan, o)).toBe(false);
  });

  it('allows inserts into a collection made in the same iteration, and breaks that stay inside it', () => {
    const { scan, owner: o } = owner([
      st('MakeArrayStmt', { capacity: 1, target: 9 }),
      st('ArrayAppendStmt', { array: 9, value: local(6) }),
      st('BlockStmt', { blocks: [block(st('BreakStmt', { index: 1 }))] }),
      st('SetAddStmt', { set: 2, value: local(9) }),
    ]);
    expect(scanIsOrderFree(scan, o)).toBe(true);
  });

  it('does not stop early when the once-assigned value is a local', () => {
    const { scan, owner: o } = owner([st('AssignVarOnceStmt', { source: local(6), target: 3 })]);
    expect(scanIsOrderFree(scan, o)).toBe(true);
    expect(scanExitLocal(scan, o)).toBeUndefined();
  });
});

describe('scans in hash order give the answers of scans in key order', () => {
  const policy = `package t
grants := {{"action": "read", "type": "a"}, {"action": "write", "type": "b"}, {"action": "*", "type": "c"}}
allowed(g) if { g.action == input.action; g.type == input.type }
allowed(g) if { g.action == "*"; g.type == input.type }
allow if { some g in grants; allowed(g) }
types contains g.type if { some g in grants; allowed(g) }
ordered := [g.type | some g in grants]
conflict := x if { some g in grants; x := g.action }
`;

  it.each([
    [
      { action: 'read', type: 'a' },
      { allow: true, types: ['a'] },
    ],
    [
      { action: 'delete', type: 'c' },
      { allow: true, types: ['c'] },
    ],
    [
      { action: 'read', type: 'b' },
      { allow: undefined, types: [] },
    ],
  ])('for %j', async (input, want) => {
    const out = compileRego([{ file: 't.rego', source: policy }], {
      entrypoints: ['t/allow', 't/types', 't/ordered', 't/conflict'],
    });
    const p = await loadPolicy(out.wasm);
    const result = (ep: string) => (p.evaluate(input, ep) as { result: unknown }[])[0]?.result;
    expect(result('t/allow')).toBe(want.allow);
    expect(result('t/types')).toEqual(want.types);
    // an array comprehension still sees key order; a conflict is still found
    expect(result('t/ordered')).toEqual(['c', 'a', 'b']);
    expect(() => p.evaluate(input, 't/conflict')).toThrow(/var assignment conflict/);
  });
});
