import type { Stmt } from '../../../services/compiler/plan/ir.js';
import { allStmts, func, plan, planOfQuery, str, types } from './helpers.js';

type Of<T extends Stmt['type']> = Extract<Stmt, { type: T }>;
function only<T extends Stmt['type']>(stmts: Stmt[], type: T): Of<T>[] {
  return stmts.filter((s): s is Of<T> => s.type === type);
}

describe('planner: entrypoints', () => {
  test('an entrypoint calls the rule function and adds {"result": value} to the result set', () => {
    const policy = plan('package test\np := 7\n', ['test/p']);
    expect(policy.plans.plans.map((p) => p.name)).toEqual(['test/p']);
    const stmts = allStmts(policy.plans.plans[0].blocks);
    expect(stmts.map((s) => s.type)).toEqual([
      'CallStmt',
      'AssignVarStmt',
      'MakeObjectStmt',
      'ObjectInsertStmt',
      'ResultSetAddStmt',
    ]);
    const call = only(stmts, 'CallStmt')[0].stmt;
    expect(call.func).toBe('g0.data.test.p');
    expect(call.args).toEqual([
      { type: 'local', value: 0 },
      { type: 'local', value: 1 },
    ]);
    const insert = only(stmts, 'ObjectInsertStmt')[0].stmt;
    expect(insert.key.type === 'string_index' && str(policy, insert.key.value)).toBe('result');
    const f = func(policy, 'g0.data.test.p');
    expect(f.params).toEqual([0, 1]);
    expect(f.path).toEqual(['g0', 'test', 'p']);
  });

  test('a query plan binds each non-generated query var under its name', () => {
    const policy = planOfQuery('package test\np := 7\n', 'x = data.test.p; y := x + 1');
    const keys = only(allStmts(policy.plans.plans[0].blocks), 'ObjectInsertStmt').map((s) =>
      s.stmt.key.type === 'string_index' ? str(policy, s.stmt.key.value) : '?',
    );
    expect(keys.sort()).toEqual(['x', 'y']);
    expect(policy.static.builtin_funcs?.map((b) => b.name)).toEqual(['plus']);
    expect(policy.static.builtin_funcs?.[0].decl.type).toBe('function');
  });

  test('statements carry the file and position of the expression they come from', () => {
    const policy = plan('package test\n\np if {\n\tinput.x == 1\n}\n', ['test/p']);
    const call = only(allStmts(func(policy, 'g0.data.test.p').blocks), 'CallStmt')[0].stmt;
    expect(policy.static.files[call.file].value).toBe('policy.rego');
    expect([call.row, call.col]).toEqual([4, 2]);
  });

  test('an unknown entrypoint is a build error naming it, as opa build', () => {
    expect(() => plan('package test\np := 1\n', ['test/p', 'test/nope'])).toThrow(
      '1 error occurred: rego_compile_error: entrypoint "test/nope" does not refer to a rule or policy decision',
    );
    // A package, and a document below a rule, are decisions too.
    expect(
      types(plan('package test\np[k] := 1 if some k in ["a"]\n', ['test', 'test/p/a']).plans.plans[1].blocks),
    ).toContain('DotStmt');
  });
});

describe('planner: rule kinds', () => {
  test('complete rules assign once into a result local, then into the return value', () => {
    const f = func(
      plan('package test\np := 1 if input.a\np := 2 if input.b\n', ['test/p']),
      'g0.data.test.p',
    );
    const assigns = only(allStmts(f.blocks), 'AssignVarOnceStmt');
    expect(assigns).toHaveLength(4);
    expect(assigns.filter((a) => a.stmt.target === f.return)).toHaveLength(2);
  });

  test('partial sets start with an empty set and add keys', () => {
    const f = func(plan('package test\ns contains x if some x in input.xs\n', ['test/s']), 'g0.data.test.s');
    expect(f.blocks[0].stmts[0]).toMatchObject({ type: 'MakeSetStmt', stmt: { target: f.return } });
    const stmts = allStmts(f.blocks);
    expect(only(stmts, 'ScanStmt')).toHaveLength(1);
    expect(only(stmts, 'SetAddStmt')[0].stmt.set).toBe(f.return);
  });

  test('partial objects insert keys once (conflicts abort)', () => {
    const f = func(plan('package test\no[k] := v if some k, v in input.m\n', ['test/o']), 'g0.data.test.o');
    expect(f.blocks[0].stmts[0]).toMatchObject({ type: 'MakeObjectStmt', stmt: { target: f.return } });
    expect(only(allStmts(f.blocks), 'ObjectInsertOnceStmt')[0].stmt.object).toBe(f.return);
  });

  test('functions take input, data and their arguments', () => {
    const policy = plan('package test\nf(x) := x + 1\np := f(1)\n', ['test/p']);
    expect(func(policy, 'g0.data.test.f').params).toHaveLength(3);
    const call = only(allStmts(func(policy, 'g0.data.test.p').blocks), 'CallStmt').find(
      (c) => c.stmt.func === 'g0.data.test.f',
    )!;
    expect(call.stmt.args).toHaveLength(3);
  });

  test('else chains run in one block, later branches only while the result is undefined', () => {
    const f = func(
      plan('package test\np := 1 if input.a else := 2 if input.b else := 3\n', ['test/p']),
      'g0.data.test.p',
    );
    const chain = f.blocks[0].stmts[0];
    expect(chain.type).toBe('BlockStmt');
    const branches = (chain as Of<'BlockStmt'>).stmt.blocks;
    expect(branches.map((b) => b.stmts[0].type)).toEqual([
      'ResetLocalStmt',
      'IsUndefinedStmt',
      'IsUndefinedStmt',
      'IsDefinedStmt',
    ]);
  });

  test('default values apply when the document is still undefined', () => {
    const f = func(plan('package test\ndefault p := false\np if input.ok\n', ['test/p']), 'g0.data.test.p');
    const last = f.blocks[f.blocks.length - 2];
    expect(last.stmts[0]).toMatchObject({ type: 'IsUndefinedStmt', stmt: { source: f.return } });
    expect(last.stmts[1]).toMatchObject({
      type: 'AssignVarOnceStmt',
      stmt: { target: f.return, source: { type: 'bool', value: false } },
    });
    expect(f.blocks[f.blocks.length - 1].stmts[0].type).toBe('ReturnLocalStmt');
  });

  test('ref heads with vars build nested objects in one function for the ground prefix', () => {
    const policy = plan('package test\na.b[x].c := 1 if some x in ["k"]\na.b.d.c := 2\n', ['test/a']);
    const f = func(policy, 'g0.data.test.a.b');
    expect(f.path).toEqual(['g0', 'test', 'a', 'b']);
    expect(types(f.blocks).filter((t) => t === 'ObjectInsertOnceStmt')).toHaveLength(2);
  });
});

describe('planner: expressions', () => {
  test('negation, comprehensions and every plan into nested blocks', () => {
    const f = func(
      plan(
        'package test\np if {\n\tnot input.x\n\txs := [y | some y in input.ys]\n\tevery v in xs { v > 0 }\n}\n',
        ['test/p'],
      ),
      'g0.data.test.p',
    );
    const t = types(f.blocks);
    expect(t).toContain('NotStmt');
    expect(t).toContain('MakeArrayStmt');
    expect(t).toContain('ArrayAppendStmt');
    expect(t.filter((x) => x === 'ScanStmt')).toHaveLength(2);
    expect(t).toContain('IsUndefinedStmt');
  });

  test('with on input becomes WithStmt blocks that also restore the original value', () => {
    const policy = plan('package test\nq := input.x\np := v if v := q with input.x as 2\n', ['test/p']);
    const withs = only(allStmts(func(policy, 'g0.data.test.p').blocks), 'WithStmt');
    expect(withs).toHaveLength(2);
    expect(withs[0].stmt.path.map((i) => str(policy, i))).toEqual(['x']);
    expect(withs[0].stmt.local).toBe(0);
    expect(withs[1].stmt.path).toEqual([]);
  });

  test('with on data that replaces a rule re-plans the rules it reaches in a new generation', () => {
    const policy = plan('package test\nq := 1\nr := q + 1\np := v if v := r with data.test.q as 5\n', [
      'test/p',
    ]);
    expect(policy.funcs.funcs.map((f) => f.name).sort()).toEqual(['g0.data.test.p', 'g1.data.test.r']);
  });

  test('function mocks call the replacement instead', () => {
    const policy = plan('package test\nf(x) := x\np := v if v := f(1) with f as count\n', ['test/p']);
    const calls = only(allStmts(func(policy, 'g0.data.test.p').blocks), 'CallStmt').map((c) => c.stmt.func);
    expect(calls).toEqual(['count']);
  });

  test('reading a package mixes base and virtual documents', () => {
    const policy = planOfQuery('package test.a\nr := 1\n', 'x = data.test');
    const t = types(policy.plans.plans[0].blocks);
    expect(t).toContain('ObjectMergeStmt');
    expect(t).toContain('CallStmt');
  });

  test('iterating over a package enumerates rule children and skips them in the base scan', () => {
    const policy = planOfQuery('package test\nr := 1\ns := 2\n', 'data.test[k] = v');
    const stmts = allStmts(policy.plans.plans[0].blocks);
    expect(
      only(stmts, 'CallStmt')
        .map((c) => c.stmt.func)
        .sort(),
    ).toEqual(['g0.data.test.r', 'g0.data.test.s']);
    expect(only(stmts, 'NotStmt')).toHaveLength(1);
  });

  test('mock values computed from local vars reach other rules through a reserved data path', () => {
    const policy = plan('package test\nf(1) := 2\nq if f(1) == 1\np if {\n\tv := 1\n\tq with f as v\n}\n', [
      'test/p',
    ]);
    const withs = only(allStmts(func(policy, 'g0.data.test.p').blocks), 'WithStmt');
    expect(withs[0].stmt.local).toBe(1);
    expect(withs[0].stmt.path.map((i) => str(policy, i))).toEqual(['$portcullis_with', 'm0']);
    expect(policy.funcs.funcs.map((f) => f.name)).toContain('g1.data.test.q');
  });

  test('using a function as a value is a compile error naming it (OPA type error)', () => {
    expect(() => plan('package test\nf(x) := x\np := f\n', ['test/p'])).toThrow(
      'policy.rego:3:6: rego_type_error: undefined ref: data.test.f\n\tdata.test.f\n\t^^^^^^^^^^^\n\thave: (any) => any',
    );
  });

  test('long literals are planned without one nested continuation per element', () => {
    const elems = Array.from({ length: 5000 }, (_, i) => (i % 2 ? String(i) : `input.a${i}`)).join(', ');
    const f = func(plan(`package test\nxs := [${elems}]\n`, ['test/xs']), 'g0.data.test.xs');
    expect(only(allStmts(f.blocks), 'ArrayAppendStmt')).toHaveLength(5000);
  });
});
