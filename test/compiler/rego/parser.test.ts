import type { Expr, Module, Rule, Term } from '../../../services/compiler/rego/ast.js';
import { parseModule, parseQuery, parseTerm } from '../../../services/compiler/rego/index.js';
import { withoutLocations } from './support.js';

const v = (value: string): Term => ({ type: 'var', value });
const s = (value: string): Term => ({ type: 'string', value });
const n = (value: string): Term => ({ type: 'number', value });
const ref = (...value: Term[]): Term => ({ type: 'ref', value });
const op = (name: string): Term => ref(v(name));
const member2 = ref(v('internal'), s('member_2'));
const member3 = ref(v('internal'), s('member_3'));
const TRUE: Term = { type: 'boolean', value: true };

function module(rules: string): Module {
  return withoutLocations(parseModule(`package test\n\n${rules}\n`, 'test.rego'));
}

function rule(source: string): Rule {
  const m = module(source);
  expect(m.rules).toHaveLength(1);
  return m.rules[0];
}

function expr(source: string): Expr {
  const body = withoutLocations(parseQuery(source));
  expect(body).toHaveLength(1);
  return body[0];
}

function term(source: string): Term {
  return withoutLocations(parseTerm(source));
}

describe('package and imports', () => {
  it('roots the package path at data', () => {
    const m = withoutLocations(parseModule('package a.b["c d"]\n', 'x.rego'));
    expect(m.package.path).toEqual(ref(v('data'), s('a'), s('b'), s('c d')));
    expect(m.file).toBe('x.rego');
  });

  it('keeps data and input imports with their alias', () => {
    const m = module('import data.x.y as z\nimport input.foo\nimport data.servers');
    expect(m.imports).toEqual([
      { path: ref(v('data'), s('x'), s('y')), alias: 'z' },
      { path: ref(v('input'), s('foo')) },
      { path: ref(v('data'), s('servers')) },
    ]);
  });

  it('accepts and drops rego.v1 and future.keywords imports', () => {
    const m = module('import rego.v1\nimport future.keywords\nimport future.keywords.in\np := 1');
    expect(m.imports).toEqual([]);
    expect(m.rules).toHaveLength(1);
  });
});

describe('rule heads', () => {
  it('reads constants with := and =', () => {
    expect(rule('p := 1')).toEqual({
      head: { name: 'p', ref: ref(v('p')), value: n('1'), assign: true },
      body: [{ index: 0, terms: TRUE }],
    });
    expect(rule('p = "x"').head).toEqual({ name: 'p', ref: ref(v('p')), value: s('x') });
  });

  it('gives `p if` rules the value true', () => {
    const r = rule('p if { input.x }');
    expect(r.head).toEqual({ name: 'p', ref: ref(v('p')), value: TRUE });
    expect(r.body).toEqual([{ index: 0, terms: ref(v('input'), s('x')) }]);
  });

  it('reads `p := v if { ... }` and the single-expression form', () => {
    const r = rule('p := x if x := 2');
    expect(r.head).toEqual({ name: 'p', ref: ref(v('p')), value: v('x'), assign: true });
    expect(r.body).toEqual([{ index: 0, terms: [op('assign'), v('x'), n('2')] }]);
  });

  it('reads default rules with a true body', () => {
    const r = rule('default allow := false');
    expect(r.default).toBe(true);
    expect(r.head.value).toEqual({ type: 'boolean', value: false });
    expect(r.body).toEqual([{ index: 0, terms: TRUE }]);
  });

  it('reads partial sets with contains', () => {
    const r = rule('deny contains msg if { msg := "no" }');
    expect(r.head).toEqual({ name: 'deny', ref: ref(v('deny')), key: v('msg') });
    const bare = rule('deny contains "x"');
    expect(bare.head.key).toEqual(s('x'));
    expect(bare.body).toEqual([{ index: 0, terms: TRUE }]);
  });

  it('reads partial objects as ref heads with a variable key', () => {
    const r = rule('p[k] := v if { some k, v in input }');
    expect(r.head).toEqual({ ref: ref(v('p'), v('k')), key: v('k'), value: v('v'), assign: true });
    expect(r.body[0].terms).toEqual({
      type: 'some',
      symbols: [{ type: 'call', value: [member3, v('k'), v('v'), ref(v('input'))] }],
    });
  });

  it('reads general ref heads', () => {
    expect(rule('a.b.c[x] := y if { x := 1; y := 2 }').head).toEqual({
      ref: ref(v('a'), s('b'), s('c'), v('x')),
      value: v('y'),
      assign: true,
    });
    expect(rule('a.b contains x if x := 1').head).toEqual({ ref: ref(v('a'), s('b')), key: v('x') });
    expect(rule('p[q].r := 1 if q := "a"').head.ref).toEqual(ref(v('p'), v('q'), s('r')));
    expect(rule('a.b.c := 2').head).toEqual({
      ref: ref(v('a'), s('b'), s('c')),
      value: n('2'),
      assign: true,
    });
  });

  it('reads functions', () => {
    const f = rule('f(x, y) := z if { z := x + y }');
    expect(f.head).toEqual({
      name: 'f',
      ref: ref(v('f')),
      args: [v('x'), v('y')],
      value: v('z'),
      assign: true,
    });
    expect(f.body[0].terms).toEqual([
      op('assign'),
      v('z'),
      { type: 'call', value: [op('plus'), v('x'), v('y')] },
    ]);
    const g = rule('g(x) if x > 1');
    expect(g.head).toEqual({ name: 'g', ref: ref(v('g')), args: [v('x')], value: TRUE });
    const dotted = rule('a.b.f(x) := 1 if true');
    expect(dotted.head.ref).toEqual(ref(v('a'), s('b'), s('f')));
    expect(dotted.head.name).toBeUndefined();
  });

  it('numbers wildcard arguments apart in every definition', () => {
    const m = module('f(_, _) := 1 if true\nf(_) := 2 if true');
    expect(m.rules[0].head.args).toEqual([v('$0'), v('$1')]);
    expect(m.rules[1].head.args).toEqual([v('$2')]);
  });

  it('reads else chains, with and without values', () => {
    const r = rule('p := 1 if { false } else := 2 if { true } else = 3');
    expect(r.else?.head.value).toEqual(n('2'));
    expect(r.else?.head.assign).toBe(true);
    expect(r.else?.body).toEqual([{ index: 0, terms: TRUE }]);
    expect(r.else?.else?.head.value).toEqual(n('3'));
    expect(r.else?.else?.head.assign).toBeUndefined();
    expect(r.else?.else?.else).toBeUndefined();
    const noValue = rule('f(x) if { x == 1 } else if { x == 2 }');
    expect(noValue.else?.head.value).toEqual(TRUE);
    expect(noValue.else?.head.args).toEqual([v('x')]);
  });

  it('reads several bodies for one head and several definitions of one rule', () => {
    const m = module('p if { input.a } { input.b }\nq := 1 if input.c\nq := 2 if input.d');
    expect(m.rules).toHaveLength(4);
    expect(m.rules[1].head.name).toBe('p');
    expect(m.rules[1].body[0].terms).toEqual(ref(v('input'), s('b')));
    expect(m.rules.slice(2).map((r) => r.head.value)).toEqual([n('1'), n('2')]);
  });

  it('takes braces after `if` as a body, not a set', () => {
    expect(rule('p if { x }').body).toEqual([{ index: 0, terms: v('x') }]);
  });
});

describe('bodies', () => {
  it('separates expressions by newlines and semicolons', () => {
    const r = rule('p if {\n  x := 1; y := 2\n  z := 3\n}');
    expect(r.body.map((e) => e.index)).toEqual([0, 1, 2]);
  });

  it('reads `not`, `some` and `every`', () => {
    const r = rule(
      'p if {\n not input.x\n some x, y\n some k, v in input.m\n every x in input.xs { x > 0 }\n every k, v in input.m { k != v }\n}',
    );
    expect(r.body[0]).toEqual({ index: 0, negated: true, terms: ref(v('input'), s('x')) });
    expect(r.body[1].terms).toEqual({ type: 'some', symbols: [v('x'), v('y')] });
    expect(r.body[2].terms).toEqual({
      type: 'some',
      symbols: [{ type: 'call', value: [member3, v('k'), v('v'), ref(v('input'), s('m'))] }],
    });
    expect(r.body[3].terms).toEqual({
      type: 'every',
      value: v('x'),
      domain: ref(v('input'), s('xs')),
      body: [{ index: 0, terms: [op('gt'), v('x'), n('0')] }],
    });
    expect(r.body[4].terms).toMatchObject({ type: 'every', key: v('k'), value: v('v') });
  });

  it('reads with modifiers', () => {
    expect(expr('data.p with input.a as 1 with data.b as {"c": 2}')).toEqual({
      index: 0,
      terms: ref(v('data'), s('p')),
      with: [
        { target: ref(v('input'), s('a')), value: n('1') },
        { target: ref(v('data'), s('b')), value: { type: 'object', value: [[s('c'), n('2')]] } },
      ],
    });
  });

  it('reads membership as internal.member_2 and internal.member_3', () => {
    expect(expr('x in xs').terms).toEqual([member2, v('x'), v('xs')]);
    expect(expr('k, v in xs').terms).toEqual([member3, v('k'), v('v'), v('xs')]);
    expect(expr('f(x, y in z)').terms).toEqual([
      op('f'),
      v('x'),
      { type: 'call', value: [member2, v('y'), v('z')] },
    ]);
  });
});

describe('operators', () => {
  const call = (name: string, a: Term, b: Term): Term => ({ type: 'call', value: [op(name), a, b] });

  it('maps every infix operator to its builtin', () => {
    const ops: [string, string][] = [
      ['==', 'equal'],
      ['!=', 'neq'],
      ['<', 'lt'],
      ['<=', 'lte'],
      ['>', 'gt'],
      ['>=', 'gte'],
      ['+', 'plus'],
      ['-', 'minus'],
      ['*', 'mul'],
      ['/', 'div'],
      ['%', 'rem'],
      ['&', 'and'],
      ['|', 'or'],
      ['=', 'eq'],
      [':=', 'assign'],
    ];
    for (const [symbol, name] of ops) expect(expr(`a ${symbol} b`).terms).toEqual([op(name), v('a'), v('b')]);
  });

  it('follows OPA precedence and left associativity', () => {
    expect(expr('x := 1 + 2 * 3').terms).toEqual([
      op('assign'),
      v('x'),
      call('plus', n('1'), call('mul', n('2'), n('3'))),
    ]);
    expect(expr('1 - 2 - 3').terms).toEqual([op('minus'), call('minus', n('1'), n('2')), n('3')]);
    expect(expr('a | b & c').terms).toEqual([op('or'), v('a'), call('and', v('b'), v('c'))]);
    expect(expr('a + 1 == b').terms).toEqual([op('equal'), call('plus', v('a'), n('1')), v('b')]);
    expect(expr('x in {1} == true').terms).toEqual([
      member2,
      v('x'),
      call('equal', { type: 'set', value: [n('1')] }, TRUE),
    ]);
    expect(expr('(1 + 2) * 3').terms).toEqual([op('mul'), call('plus', n('1'), n('2')), n('3')]);
  });

  it('reads a minus sign before a number as part of the number', () => {
    expect(expr('x - -1').terms).toEqual([op('minus'), v('x'), n('-1')]);
    expect(term('[-0.5, -.5, .5, - 2]')).toEqual({
      type: 'array',
      value: [n('-0.5'), n('-0.5'), n('0.5'), n('-2')],
    });
  });
});

describe('terms', () => {
  it('reads scalars, keeping numbers as source text', () => {
    expect(term('null')).toEqual({ type: 'null', value: null });
    expect(term('false')).toEqual({ type: 'boolean', value: false });
    for (const text of ['0', '1e400', '-0.5', '123456789012345678901234567890', '1.5E-7', '0.1e+2']) {
      expect(term(text)).toEqual(n(text));
    }
  });

  it('decodes JSON escapes, surrogate pairs and raw strings', () => {
    expect(term('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t"')).toEqual(s('a"b\\c/d\b\f\n\r\t'));
    expect(term('"\\u00e9\\ud83d\\ude00"')).toEqual(s('é😀'));
    expect(term('"\\ud800"')).toEqual(s('\uFFFD'));
    expect(term('`raw \\n "x"\nline`')).toEqual(s('raw \\n "x"\nline'));
    expect(term('"tab\there"')).toEqual(s('tab\there'));
  });

  it('reads vars, wildcards and refs', () => {
    expect(term('x')).toEqual(v('x'));
    expect(term('input')).toEqual(ref(v('input')));
    expect(term('data')).toEqual(ref(v('data')));
    expect(term('a.b[c]["d"][0]')).toEqual(ref(v('a'), s('b'), v('c'), s('d'), n('0')));
    expect(term('input.x[_][_]')).toEqual(ref(v('input'), s('x'), v('$0'), v('$1')));
    expect(term('input.in.if')).toEqual(ref(v('input'), s('in'), s('if')));
  });

  it('reads refs on calls and composites', () => {
    expect(term('f(x)[0]')).toEqual(ref({ type: 'call', value: [op('f'), v('x')] }, n('0')));
    expect(term('f(x).y')).toEqual(ref({ type: 'call', value: [op('f'), v('x')] }, s('y')));
    expect(term('[1, 2][0]')).toEqual(ref({ type: 'array', value: [n('1'), n('2')] }, n('0')));
  });

  it('does not continue a term across whitespace', () => {
    expect(expr('x[1]').terms).toEqual(ref(v('x'), n('1')));
    expect(() => parseModule('package p\nq if { x [1] }', 'w.rego')).toThrow(
      'w.rego:2:10: rego_parse_error: unexpected [ token: expected \\n or ; or }',
    );
    expect(() => parseModule('package p\nq if { f (1) }', 'w.rego')).toThrow('unexpected ( token');
  });

  it('reads composites', () => {
    expect(term('[1, "a", [true]]')).toEqual({
      type: 'array',
      value: [n('1'), s('a'), { type: 'array', value: [TRUE] }],
    });
    expect(term('{"a": 1, b: 2,}')).toEqual({
      type: 'object',
      value: [
        [s('a'), n('1')],
        [v('b'), n('2')],
      ],
    });
    expect(term('{1, 2}')).toEqual({ type: 'set', value: [n('1'), n('2')] });
    expect(term('{}')).toEqual({ type: 'object', value: [] });
    expect(term('set()')).toEqual({ type: 'set', value: [] });
    expect(term('{1 + 2}')).toEqual({
      type: 'set',
      value: [{ type: 'call', value: [op('plus'), n('1'), n('2')] }],
    });
  });

  it('reads comprehensions', () => {
    expect(term('[x | x := 1]')).toEqual({
      type: 'arraycomprehension',
      value: { term: v('x'), body: [{ index: 0, terms: [op('assign'), v('x'), n('1')] }] },
    });
    expect(term('{x | some x in xs}')).toMatchObject({ type: 'setcomprehension', value: { term: v('x') } });
    expect(term('{k: v | some k, v in o}')).toMatchObject({
      type: 'objectcomprehension',
      value: { key: v('k'), value: v('v') },
    });
    // `|` between two terms in braces is a comprehension, as in OPA.
    expect(term('{a | b}')).toMatchObject({ type: 'setcomprehension', value: { term: v('a') } });
    expect(term('{(a | b)}')).toEqual({
      type: 'set',
      value: [{ type: 'call', value: [op('or'), v('a'), v('b')] }],
    });
  });

  it('reads calls', () => {
    expect(expr('count(x)').terms).toEqual([op('count'), v('x')]);
    expect(expr('array.concat(a, b)').terms).toEqual([ref(v('array'), s('concat')), v('a'), v('b')]);
    expect(term('[time.now_ns()]')).toEqual({
      type: 'array',
      value: [{ type: 'call', value: [ref(v('time'), s('now_ns'))] }],
    });
  });
});

describe('locations', () => {
  it('gives every node its 1-based row and column', () => {
    const m = parseModule('package p\n\n# comment\nallow if {\n\tinput.user == "a"\n}\n', 'l.rego');
    const r = m.rules[0];
    expect(r.location).toEqual({ file: 'l.rego', row: 4, col: 1 });
    expect(r.head.location).toEqual({ file: 'l.rego', row: 4, col: 1 });
    const e = r.body[0];
    expect(e.location).toEqual({ file: 'l.rego', row: 5, col: 2 });
    const terms = e.terms as Term[];
    expect(terms[0].location).toEqual({ file: 'l.rego', row: 5, col: 13 });
    expect(terms[2].location).toEqual({ file: 'l.rego', row: 5, col: 16 });
    expect(m.package.location).toEqual({ file: 'l.rego', row: 1, col: 1 });
  });
});

describe('queries', () => {
  it('parses queries across lines and semicolons', () => {
    const body = withoutLocations(parseQuery('x := data.a; y = x[_]\nnot y'));
    expect(body.map((e) => e.index)).toEqual([0, 1, 2]);
    expect(body[1].terms).toEqual([op('eq'), v('y'), ref(v('x'), v('$0'))]);
    expect(body[2].negated).toBe(true);
  });

  it('reads the conformance query form', () => {
    expect(expr('data.test.p = x').terms).toEqual([op('eq'), ref(v('data'), s('test'), s('p')), v('x')]);
  });

  it('gives an empty body for an empty query', () => {
    expect(parseQuery('  # nothing\n')).toEqual([]);
  });
});

describe('speed', () => {
  it('parses a 200-rule policy whole', () => {
    const rules = Array.from(
      { length: 200 },
      (_, i) =>
        `rule_${i}[k] := {"v": v, "n": count(xs)} if {\n  some k, v in input.items\n  xs := [x | x := v.list[_]; x > ${i}]\n  not deny_${i}\n}`,
    );
    const source = `package bench\n\n${rules.join('\n\n')}\n`;
    // Speed is measured by `npm run bench -- eval`; here only that a large module parses whole.
    const m = parseModule(source, 'bench.rego');
    expect(m.rules).toHaveLength(200);
    expect(m.rules.map((r) => r.head.ref.value[0])).toContainEqual(
      expect.objectContaining({ value: 'rule_199' }),
    );
  });
});
