import { compileModules, compileQuery } from '../../../services/compiler/compile/compiler.js';
import { RegoCompileError, formatRegoErrorDetails } from '../../../services/compiler/errors.js';
import { schemaKey, type SchemaSet } from '../../../services/compiler/compile/typecheck/schema.js';
import { typeToString } from '../../../services/compiler/compile/typecheck/types.js';
import { typeOfRef } from '../../../services/compiler/compile/typecheck/stage.js';
import { lookupBuiltin } from '../../../services/compiler/builtins/catalog.js';
import { parseModule, parseQuery, parseTerm } from '../../../services/compiler/rego/parser.js';

/**
 * OPA's type checker as OPA documents and tests it (`v1/ast/check_test.go`,
 * the policy reference's type-checking and schema sections): each case is a
 * module and the errors OPA prints for it, message and detail lines.
 */
interface Case {
  note: string;
  source: string;
  schemas?: SchemaSet;
  /** `file:row:col: code: message` then the detail lines; empty when the module compiles. */
  want: string[];
}

function compileErrors(source: string, schemas?: SchemaSet): string[] {
  try {
    compileModules([parseModule(source, 'a.rego')], { schemas });
  } catch (err) {
    if (err instanceof RegoCompileError) return err.errors.map(formatRegoErrorDetails);
    throw err;
  }
  return [];
}

const lines = (...l: string[]): string => l.join('\n\t');

const ERRORS: Case[] = [
  {
    note: 'a builtin given a number where it wants a collection',
    source: 'package t\np := count(5)\n',
    want: [
      lines(
        'a.rego:2:6: rego_type_error: count: invalid argument(s)',
        'have: (number, ???)',
        'want: (collection: any<string, array[any], object[any: any], set[any]>, n: number)',
      ),
    ],
  },
  {
    note: 'an operator given a string',
    source: 'package t\nq := "a" + 1\n',
    want: [
      lines(
        'a.rego:2:6: rego_type_error: plus: invalid argument(s)',
        'have: (string, number, ???)',
        'want: (x: number, y: number, z: number)',
      ),
    ],
  },
  {
    note: '== in a rule is a unification: a string never equals a number',
    source: 'package t\nr if lower(input.name) == 1\n',
    want: [lines('a.rego:2:6: rego_type_error: match error', 'left  : string', 'right : number')],
  },
  {
    note: 'a call statement without output',
    source: 'package t\np if { concat("", 1) }\n',
    want: [
      lines(
        'a.rego:2:8: rego_type_error: concat: invalid argument(s)',
        'have: (string, number)',
        'want: (delimiter: string, collection: any<array[string], set[string]>, output: string)',
      ),
    ],
  },
  {
    note: 'arrays of mixed elements where numbers are wanted',
    source: 'package t\np if { sum([1, 2, "3", 4]) }\n',
    want: [
      lines(
        'a.rego:2:8: rego_type_error: sum: invalid argument(s)',
        'have: (array<number, number, string, number>)',
        'want: (collection: any<array[number], set[number]>, n: number)',
      ),
    ],
  },
  {
    note: 'an unknown argument type prints as ???',
    source: 'package t\np if { sum({"a": 1, "b": 2}, x) }\n',
    want: [
      lines(
        'a.rego:2:8: rego_type_error: sum: invalid argument(s)',
        'have: (object<a: number, b: number>, ???)',
        'want: (collection: any<array[number], set[number]>, n: number)',
      ),
    ],
  },
  {
    note: 'arguments of input are any, the constant is not',
    source: 'package t\np if { startswith(input.x, 1) }\n',
    want: [
      lines(
        'a.rego:2:8: rego_type_error: startswith: invalid argument(s)',
        'have: (any, number)',
        'want: (search: string, base: string, result: boolean)',
      ),
    ],
  },
  {
    note: 'a rule value compared with a value of another type',
    source: 'package t\nq := true\np if { data.t.q = 1 }\n',
    want: [lines('a.rego:3:8: rego_type_error: match error', 'left  : boolean', 'right : number')],
  },
  {
    note: 'arrays of different lengths never unify',
    source: 'package t\np if { [1, 2] = [1, 2, 3] }\n',
    want: [
      lines(
        'a.rego:2:8: rego_type_error: match error',
        'left  : array<number, number>',
        'right : array<number, number, number>',
      ),
    ],
  },
  {
    note: 'objects whose values differ in type',
    source: 'package t\np if { {"a": 1, "b": "2"} = {"a": 1, "b": 2} }\n',
    want: [
      lines(
        'a.rego:2:8: rego_type_error: match error',
        'left  : object<a: number, b: string>',
        'right : object<a: number, b: number>',
      ),
    ],
  },
  {
    note: 'the union of an array of mixed values never holds null',
    source: 'package t\np if { x := [1, "a"]; x[_] = null }\n',
    want: [lines('a.rego:2:23: rego_type_error: match error', 'left  : any<number, string>', 'right : null')],
  },
  {
    note: 'a key a rule value does not have, with the keys it does have',
    source: 'package t\nx := {"a": 1}\nz if x[1] == 1\n',
    want: [
      lines(
        'a.rego:3:6: rego_type_error: undefined ref: data.t.x[1]',
        'data.t.x[1]',
        '         ^',
        '         have: 1',
        '         want (one of): ["a"]',
      ),
    ],
  },
  {
    note: 'indexing a number',
    source: 'package t\narr := [1, 2, 3]\np if { arr[0].deadbeef = 1 }\n',
    want: [
      lines(
        'a.rego:3:8: rego_type_error: undefined ref: data.t.arr[0].deadbeef',
        'data.t.arr[0].deadbeef',
        '^^^^^^^^^^^^^',
        'have: number',
      ),
    ],
  },
  {
    note: 'a key var of the wrong type names the var the author wrote',
    source: 'package t\nq := {"foo": 1, "bar": 2}\np if { x := 1; q[x] }\n',
    want: [
      lines(
        'a.rego:3:16: rego_type_error: undefined ref: data.t.q[x]',
        'data.t.q[x]',
        '         ^',
        '         have (type): number',
        '         want (one of): ["bar" "foo"]',
      ),
    ],
  },
  {
    note: 'a missing key of a local object',
    source: 'package t\np if { x := {"a": 1}; x.b }\n',
    want: [
      lines(
        'a.rego:2:23: rego_type_error: undefined ref: x.b',
        'x.b',
        '  ^',
        '  have: "b"',
        '  want (one of): ["a"]',
      ),
    ],
  },
  {
    note: 'a partial set holds strings only',
    source: 'package t\ns contains x if x := "a"\np if { data.t.s[1] }\n',
    want: [
      lines(
        'a.rego:3:8: rego_type_error: undefined ref: data.t.s[1]',
        'data.t.s[1]',
        '         ^',
        '         have: 1',
        '         want (type): string',
      ),
    ],
  },
  {
    note: 'a partial object value type is inferred from its rules',
    source: 'package t\np[k] := v if { some k, v in {"a": 1} }\nq if { data.t.p.a = "x" }\n',
    want: [lines('a.rego:3:8: rego_type_error: match error', 'left  : number', 'right : string')],
  },
  {
    note: 'function argument types are inferred from the function body',
    source: 'package t\nf(x) := y if { y := x + 1 }\ng := f("a")\n',
    want: [
      lines(
        'a.rego:3:6: rego_type_error: data.t.f: invalid argument(s)',
        'have: (string, ???)',
        'want: (number, number)',
      ),
    ],
  },
  {
    note: 'a function is not a value',
    source: 'package t\nf(x) := x\np if { y := data.t.f }\n',
    want: [
      lines(
        'a.rego:3:13: rego_type_error: undefined ref: data.t.f',
        'data.t.f',
        '^^^^^^^^',
        'have: (any) => any',
      ),
    ],
  },
  {
    note: 'a rule with errors is any to the rules that read it (one error, not two)',
    source: 'package t\nm if { 1 / "foo" }\nn if { m = 1 }\n',
    want: [
      lines(
        'a.rego:2:8: rego_type_error: div: invalid argument(s)',
        'have: (number, string)',
        'want: (x: number, y: number, z: number)',
      ),
    ],
  },
  {
    note: 'errors in comprehensions',
    source: 'package t\np := [x | x := upper(1)]\n',
    want: [
      lines(
        'a.rego:2:16: rego_type_error: upper: invalid argument(s)',
        'have: (number, ???)',
        'want: (x: string, y: string)',
      ),
    ],
  },
  {
    note: 'print has no value (OPA: CheckVoidCalls)',
    source: 'package t\np if { x := print(1); x }\n',
    want: ['a.rego:2:13: rego_type_error: print(1) used as value'],
  },
  {
    note: 'inline schema annotations type input paths, per rule',
    source: [
      'package t',
      '',
      '# METADATA',
      '# schemas:',
      '#   - input.x: {"type": "boolean"}',
      'p if {',
      '\tinput.x == 42',
      '}',
      '',
      '# METADATA',
      '# schemas:',
      '#   - input.x: {"type": "object"}',
      'q if {',
      '\tinput.x == "foo"',
      '}',
      '',
    ].join('\n'),
    want: [
      lines('a.rego:7:2: rego_type_error: match error', 'left  : boolean', 'right : number'),
      lines('a.rego:14:2: rego_type_error: match error', 'left  : object[any: any]', 'right : string'),
    ],
  },
  {
    note: 'a document-scoped schema applies to every rule of the document',
    source: [
      'package t',
      '# METADATA',
      '# scope: document',
      '# schemas:',
      '#   - input.foo: {"type": "number"}',
      'p if { input.foo = 7 }',
      'p if { input.foo = [] }',
      '',
    ].join('\n'),
    want: [lines('a.rego:7:8: rego_type_error: match error', 'left  : number', 'right : array[any]')],
  },
  {
    note: 'an input schema (--schema) makes objects closed: a typo is an error',
    source: 'package t\np if { input.user.nmae == "alice" }\n',
    schemas: {
      input: {
        type: 'object',
        properties: { user: { type: 'object', properties: { name: { type: 'string' } } } },
      },
    },
    want: [
      lines(
        'a.rego:2:8: rego_type_error: undefined ref: input.user.nmae',
        'input.user.nmae',
        '           ^',
        '           have: "nmae"',
        '           want (one of): ["name"]',
      ),
    ],
  },
  {
    note: 'a schema annotation naming a schema that was not given',
    source: 'package t\n# METADATA\n# schemas:\n#   - input: schema.missing\np if { input.x }\n',
    schemas: { byPath: new Map([[schemaKey(['other']), { type: 'string' }]]) },
    want: ['a.rego:5:1: rego_type_error: undefined schema: schema.missing'],
  },
  {
    note: 'a schema from the schema set, with $ref and definitions',
    source:
      'package t\n# METADATA\n# schemas:\n#   - input: schema.pod\np if { input.spec.containers[_].image == 1 }\n',
    schemas: {
      byPath: new Map([
        [
          schemaKey(['pod']),
          {
            definitions: { container: { type: 'object', properties: { image: { type: 'string' } } } },
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: { containers: { type: 'array', items: { $ref: '#/definitions/container' } } },
              },
            },
          },
        ],
      ]),
    },
    want: [lines('a.rego:5:8: rego_type_error: match error', 'left  : string', 'right : number')],
  },
];

const ACCEPTED: Case[] = [
  {
    note: 'calls in every bodies are not checked (as OPA)',
    source: 'package t\np if { every x in [1] { x == 1; count(5) } }\n',
    want: [],
  },
  { note: 'print takes anything', source: 'package t\np if { print(1, 2, "x") }\n', want: [] },
  {
    note: 'builtins answering any',
    source: 'package t\np := object.get({}, "a", 1) + 1\n',
    want: [],
  },
  {
    note: 'iteration over a builtin result',
    source: 'package t\np := [x | x := numbers.range(1, 3)[_]; x + 1 > 2]\n',
    want: [],
  },
  {
    note: 'a function result used as a number',
    source: 'package t\nf(x) := y if { y := x.a }\np := f({"a": 1}) + 1\n',
    want: [],
  },
  { note: 'input is any without a schema', source: 'package t\np if { input.a.b[_] = x; x.c }\n', want: [] },
  {
    note: 'two := definitions of one rule compile (OPA reports the conflict at evaluation)',
    source: 'package t\ns := 1\ns := 2\n',
    want: [],
  },
  {
    note: 'a schema naming a schema is skipped when no schemas were given',
    source: 'package t\n# METADATA\n# schemas:\n#   - input: schema.missing\np if { input.x }\n',
    want: [],
  },
  {
    note: 'base documents under a rule package are open',
    source: 'package t\np := 1\nq if { data.t.other.x == 1 }\n',
    want: [],
  },
];

describe('CheckTypes: errors as OPA prints them', () => {
  it.each(ERRORS)('$note', ({ source, schemas, want }) => {
    expect(compileErrors(source, schemas)).toEqual(want);
  });
});

describe('CheckTypes: policies OPA accepts', () => {
  it.each(ACCEPTED)('$note', ({ source, schemas }) => {
    expect(compileErrors(source, schemas)).toEqual([]);
  });
});

describe('CheckTypes: inferred rule types', () => {
  const cases: [string, string, string][] = [
    ['package a\ncomplete := [{"foo": x}] if { x = 1 }\n', 'data.a.complete', 'array<object<foo: number>>'],
    ['package a\nps contains {"foo": x} if { y = "bar"; x = y }\n', 'data.a.ps', 'set[object<foo: string>]'],
    [
      'package a\npo[x] := {"foo": y} if { y = "bar"; x = y }\n',
      'data.a.po',
      'object[string: object<foo: string>]',
    ],
    ['package a\nk := 1 if { false } else := "foo"\n', 'data.a.k', 'any<number, string>'],
    ['package a\ndefault x := 1\nx := "foo"\n', 'data.a.x', 'any<number, string>'],
    ['package a\nf(x) := y if { y = {x: 1} }\n', 'data.a.f', '(any) => object[any: number]'],
    ['package a\np.q.r := true\n', 'data.a.p.q.r', 'boolean'],
    ['package a\nu := [x | x := input.xs[_]]\n', 'data.a.u', 'array[any]'],
  ];
  it.each(cases)('%s', (source, path, want) => {
    const policy = compileModules([parseModule(source, 'a.rego')]);
    const ref = parseTerm(path);
    if (ref.type !== 'ref') throw new Error(`${path} is not a ref`);
    expect(typeToString(typeOfRef(policy.types, ref.value, lookupBuiltin))).toBe(want);
  });
});

describe('CheckTypes: queries', () => {
  it('checks a query against the rule types (== stays a comparison, as in OPA queries)', () => {
    const policy = compileModules([parseModule('package t\np := "s"\n', 'a.rego')]);
    expect(() => compileQuery(parseQuery('x := data.t.p; x == 1'), policy)).not.toThrow();
    expect(() => compileQuery(parseQuery('count(data.t.p, 1, 2)'), policy)).toThrow(
      /query:1:1: rego_type_error: count: too many arguments/,
    );
    expect(() => compileQuery(parseQuery('data.t.p = 1'), policy)).toThrow(/match error/);
  });
});
