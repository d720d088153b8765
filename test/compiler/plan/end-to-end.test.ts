/**
 * Plans run through the real wasm backend and the unmodified opa-wasm SDK,
 * so each expectation checks the planner's semantics, not its shape.
 */
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from '../../../services/compiler/builtins/index.js';
import { compileAndPlan, planQuery } from '../../../services/compiler/plan/index.js';
import { parseModule, parseQuery } from '../../../services/compiler/rego/parser.js';
import { generateWasm } from '../../../services/compiler/wasm/index.js';

async function evalEntrypoint(
  source: string | string[],
  entrypoint: string,
  input?: unknown,
  data?: object,
): Promise<unknown> {
  const modules = (Array.isArray(source) ? source : [source]).map((s, i) => parseModule(s, `m${i}.rego`));
  const { policy } = compileAndPlan(modules, [entrypoint]);
  const loaded = await loadPolicy(generateWasm(policy, { optimize: false }), undefined, hostBuiltins());
  if (data) loaded.setData(data);
  return loaded.evaluate(input, entrypoint);
}

async function evalQuery(source: string, query: string, input?: unknown, data?: object): Promise<unknown> {
  const { policy } = planQuery([parseModule(source, 'm.rego')], parseQuery(query), 'q');
  const loaded = await loadPolicy(generateWasm(policy, { optimize: false }), undefined, hostBuiltins());
  if (data) loaded.setData(data);
  return loaded.evaluate(input, 'q');
}

/** What a failed evaluation threw, as text (the SDK throws plain strings). */
async function failure(evaluation: Promise<unknown>): Promise<string> {
  return evaluation.then(
    (result) => `no error: ${JSON.stringify(result)}`,
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );
}

describe('planned policies evaluate like OPA', () => {
  test('complete, default and else', async () => {
    const src = `package test
default allow := false
allow if input.role == "admin"
level := "high" if input.n > 10 else := "mid" if input.n > 5 else := "low"
`;
    expect(await evalEntrypoint(src, 'test/allow', { role: 'admin' })).toEqual([{ result: true }]);
    expect(await evalEntrypoint(src, 'test/allow', { role: 'guest' })).toEqual([{ result: false }]);
    expect(await evalEntrypoint(src, 'test/level', { n: 7 })).toEqual([{ result: 'mid' }]);
    expect(await evalEntrypoint(src, 'test/level', { n: 1 })).toEqual([{ result: 'low' }]);
  });

  test('rules of one constant value stop at the first body that holds, as OPA does', async () => {
    // q conflicts whenever it is evaluated; OPA's interpreter never evaluates it once a body of
    // allow (every one giving true) held, and neither does the plan.
    const src = `package test
q := 1 if input.n
q := 2 if input.n
default allow := false
allow if input.admin
allow if q == 1
allow if input.n > 3
check(x) if x == 1
check(x) if q == x
uses_check if check(input.m)
level := 1 if input.admin
level := 2 if q
`;
    expect(await evalEntrypoint(src, 'test/allow', { admin: true, n: 5 })).toEqual([{ result: true }]);
    expect(await evalEntrypoint(src, 'test/uses_check', { n: 5, m: 1 })).toEqual([{ result: true }]);
    // Bodies that reach q still conflict.
    expect(await failure(evalEntrypoint(src, 'test/allow', { n: 5 }))).toMatch(/conflict/);
    expect(await failure(evalEntrypoint(src, 'test/uses_check', { n: 5, m: 2 }))).toMatch(/conflict/);
    // Values that differ: every body is evaluated, so the conflict is found.
    expect(await failure(evalEntrypoint(src, 'test/level', { admin: true, n: 5 }))).toMatch(/conflict/);
    expect(await evalEntrypoint(src, 'test/allow', {})).toEqual([{ result: false }]);
  });

  test('composite unification binds vars in dependency order', async () => {
    const src =
      'package test\np := [x, y] if [x, y] = [y, 1]\nq := v if {"a": [v, w]} = {"a": [w, input.n]}\n';
    expect(await evalEntrypoint(src, 'test/p')).toEqual([{ result: [1, 1] }]);
    expect(await evalEntrypoint(src, 'test/q', { n: 3 })).toEqual([{ result: 3 }]);
  });

  test('undefined documents give an empty result set', async () => {
    expect(await evalEntrypoint('package test\np if input.missing\n', 'test/p', {})).toEqual([]);
  });

  test('partial sets and objects, iteration and comprehensions', async () => {
    const src = `package test
names contains u.name if {
	some u in input.users
	u.active
}
by_id[u.id] := u.name if some u in input.users
total := sum([u.age | some u in input.users])
`;
    const input = {
      users: [
        { id: 'a', name: 'ann', active: true, age: 30 },
        { id: 'b', name: 'bob', active: false, age: 40 },
      ],
    };
    expect(await evalEntrypoint(src, 'test/names', input)).toEqual([{ result: ['ann'] }]);
    expect(await evalEntrypoint(src, 'test/by_id', input)).toEqual([{ result: { a: 'ann', b: 'bob' } }]);
    expect(await evalEntrypoint(src, 'test/total', input)).toEqual([{ result: 70 }]);
  });

  test('functions, negation and every', async () => {
    const src = `package test
double(x) := x * 2
ok if {
	double(input.n) == 8
	not input.blocked
	every v in input.vs { v > 0 }
}
`;
    expect(await evalEntrypoint(src, 'test/ok', { n: 4, vs: [1, 2] })).toEqual([{ result: true }]);
    expect(await evalEntrypoint(src, 'test/ok', { n: 4, vs: [1, -2] })).toEqual([]);
    expect(await evalEntrypoint(src, 'test/ok', { n: 4, vs: [], blocked: true })).toEqual([]);
  });

  test('conflicting complete values abort evaluation', async () => {
    const src = 'package test\np := 1 if input.a\np := 2 if input.b\n';
    await expect(evalEntrypoint(src, 'test/p', { a: true, b: true })).rejects.toMatch(
      /var assignment conflict/,
    );
  });

  test('base and virtual documents merge', async () => {
    const got = await evalEntrypoint(
      ['package app.rules\nr := 1\n', 'package main\nall := data.app\n'],
      'main/all',
      {},
      {
        app: { base: 2 },
      },
    );
    expect(got).toEqual([{ result: { base: 2, rules: { r: 1 } } }]);
  });

  test('with replaces input, data and functions for one expression', async () => {
    const src = `package test
q := input.x
r := data.cfg.limit
f(x) := x
p := [a, b, c] if {
	a := q with input.x as 5
	b := r with data.cfg.limit as 9
	c := f(1) with f as count
}
`;
    expect(await evalEntrypoint(src, 'test/p', { x: 1 }, { cfg: { limit: 3 } })).toEqual([]);
    const src2 = src.replace('f(1) with f as count', 'f([1, 2]) with f as count');
    expect(await evalEntrypoint(src2, 'test/p', { x: 1 }, { cfg: { limit: 3 } })).toEqual([
      { result: [5, 9, 2] },
    ]);
  });

  test('a function mock whose value is a local var applies inside other rules', async () => {
    const src = `package test
f(1) := 2
q if f(1) == 1
p if {
	v := 1
	q with f as v
}
`;
    expect(await evalEntrypoint(src, 'test/p')).toEqual([{ result: true }]);
    expect(await evalEntrypoint(src, 'test/q')).toEqual([]);
  });

  test('ref heads build nested documents', async () => {
    const src = `package test
acl[u].read := true if some u in input.readers
acl.admin.write := true
`;
    expect(await evalEntrypoint(src, 'test/acl', { readers: ['ann'] })).toEqual([
      { result: { admin: { write: true }, ann: { read: true } } },
    ]);
  });

  test('queries bind their vars, one result per solution', async () => {
    const got = (await evalQuery(
      'package test\ns contains x if some x in [1, 2]\n',
      'data.test.s[x]; y := x * 10',
    )) as Record<string, number>[];
    expect(got.map((r) => [r.x, r.y]).sort()).toEqual([
      [1, 10],
      [2, 20],
    ]);
  });
});
