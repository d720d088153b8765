import { outcome, valueRows, errorRows } from './support/table.js';
import type { ErrorRow, ValueRow } from './support/table.js';

const values: ValueRow[] = [
  ['object.get', [{ a: { b: [10, 20] } }, ['a', 'b', 1], 'd'], 20],
  ['object.get', [{ a: 1 }, 'b', 'd'], 'd'],
  ['object.keys', [{ b: 1, a: 2 }], ['a', 'b']],
  ['object.remove', [{ a: 1, b: 2, c: 3 }, ['a', 'x']], { b: 2, c: 3 }],
  ['object.remove', [{ a: 1, b: 2 }, { b: true }], { a: 1 }],
  ['object.filter', [{ a: 1, b: 2, c: 3 }, ['a', 'c']], { a: 1, c: 3 }],
  [
    'object.union',
    [
      { a: { b: 1, c: 2 }, d: 1 },
      { a: { b: 3 }, d: { e: 1 } },
    ],
    { a: { b: 3, c: 2 }, d: { e: 1 } },
  ],
  ['object.union_n', [[{ a: 1 }, { a: 2, b: 1 }, { c: 3 }]], { a: 2, b: 1, c: 3 }],
  ['object.subset', [{ a: { b: 1, c: 2 }, d: 3 }, { a: { b: 1 } }], true],
  [
    'object.subset',
    [
      [1, 2, 3, 4],
      [2, 3],
    ],
    true,
  ],
  ['object.subset', [{ a: 1 }, { a: 2 }], false],
  ['json.filter', [{ a: { b: 1, c: 2 }, d: 3 }, ['a/b', 'd']], { a: { b: 1 }, d: 3 }],
  ['json.filter', [{ a: [{ x: 1, y: 2 }, { x: 3 }] }, [['a', 0, 'x']]], { a: [{ x: 1 }] }],
  ['json.remove', [{ a: { b: 1, c: 2 }, d: 3 }, ['/a/b', 'd']], { a: { c: 2 } }],
  ['array.concat', [[1], [2, 3]], [1, 2, 3]],
  ['array.reverse', [[1, 2, 3]], [3, 2, 1]],
  ['array.slice', [[1, 2, 3, 4], 1, 3], [2, 3]],
  ['array.slice', [[1, 2, 3], -5, 10], [1, 2, 3]],
  ['array.slice', [[1, 2, 3], 2, 1], []],
  [
    'union',
    [
      [
        [1, 2],
        [2, 3],
      ],
    ],
    [1, 2, 3],
  ],
  [
    'intersection',
    [
      [
        [1, 2, 3],
        [2, 3, 4],
        [3, 2],
      ],
    ],
    [2, 3],
  ],
  ['graph.reachable', [{ a: ['b'], b: ['c'], c: [], d: ['a'] }, ['a']], ['a', 'b', 'c']],
  [
    'graph.reachable_paths',
    [{ a: ['b', 'c'], b: ['c'], c: [] }, ['a']],
    [
      ['a', 'b', 'c'],
      ['a', 'c'],
    ],
  ],
  ['sort', [[3, 'a', null, [1], { k: 1 }, true, 1]], [null, true, 1, 3, 'a', [1], { k: 1 }]],
  ['count', ['héllo'], 5],
  ['max', [[1, 'a', null]], 'a'],
  ['sum', [[1, 2.5]], 3.5],
  ['product', [[2, 3, 4]], 24],
  ['plus', [9007199254740991, 2], 9007199254740993n],
  ['mul', [4294967296, 4294967296], 18446744073709551616n],
  ['div', [7, 2], 3.5],
  ['div', [6, 3], 2],
  ['rem', [-7, 3], -1],
  ['round', [-2.5], -3],
  ['round', [2.5], 3],
  ['ceil', [1.2], 2],
  ['floor', [-1.2], -2],
  ['abs', [-3], 3],
  ['numbers.range', [3, 1], [3, 2, 1]],
  ['numbers.range_step', [0, 10, 4], [0, 4, 8]],
  ['bits.and', [12, 10], 8],
  ['bits.or', [12, 10], 14],
  ['bits.xor', [12, 10], 6],
  ['bits.negate', [5], -6],
  ['bits.lsh', [1, 62], 4611686018427387904n],
  ['bits.rsh', [-16, 2], -4],
  ['to_number', ['-42.5'], -42.5],
  ['to_number', ['0x1p-2'], 0.25],
  ['to_number', ['123456789123456789123'], 123456789123456789123n],
  ['to_number', [true], 1],
  ['to_number', [null], 0],
  ['type_name', [{}], 'object'],
  ['is_string', ['x'], true],
  ['minus', [[1, 2, 3], [2]], [1, 3]],
];

const errors: ErrorRow[] = [
  ['div', [1, 0], 'eval_builtin_error', 'div: divide by zero'],
  ['rem', [1.5, 1], 'eval_builtin_error', 'rem: modulo on floating-point number'],
  ['rem', [1, 0], 'eval_builtin_error', 'rem: modulo by zero'],
  ['plus', ['1', 2], 'eval_type_error', 'plus: operand 1 must be number but got string'],
  ['minus', ['a', 1], 'eval_type_error', 'minus: operand 1 must be one of {number, set} but got string'],
  [
    'bits.and',
    [1.5, 1],
    'eval_type_error',
    'bits.and: operand 1 must be integer number but got floating-point number',
  ],
  [
    'bits.lsh',
    [1, -1],
    'eval_type_error',
    'bits.lsh: operand 2 must be an unsigned integer number but got a negative integer',
  ],
  [
    'numbers.range_step',
    [1, 5, 0],
    'eval_builtin_error',
    'numbers.range_step: step must be a positive number above zero',
  ],
  [
    'to_number',
    ['12abc'],
    'eval_builtin_error',
    'to_number: strconv.ParseFloat: parsing "12abc": invalid syntax',
  ],
  ['object.get', ['x', 'a', 1], 'eval_type_error', 'object.get: operand 1 must be object but got string'],
  [
    'json.remove',
    [{}, 1],
    'eval_type_error',
    'json.remove: operand 2 must be one of {set, array} but got number',
  ],
  [
    'sum',
    [[1, 'a']],
    'eval_type_error',
    'sum: operand 1 must be array of numbers but got array containing string',
  ],
];

describe('collection, number and type builtins', () => {
  it.each(valueRows(values))('%s', (_label, name, args, want) => {
    expect(outcome(name, args)).toEqual({ value: want });
  });

  it.each(errorRows(errors))('%s fails', (_label, name, args, code, message) => {
    expect(outcome(name, args)).toEqual({ error: message, code });
  });

  it('gives max and min of an empty collection as undefined', () => {
    expect(outcome('max', [[]])).toEqual({ undefined: true });
    expect(outcome('min', [[]])).toEqual({ undefined: true });
  });
});

describe('walk', () => {
  it('returns every [path, value] pair in pre-order with sorted keys', () => {
    expect(outcome('walk', [{ b: [1], a: 2 }])).toEqual({
      value: [
        [[], { b: [1], a: 2 }],
        [['a'], 2],
        [['b'], [1]],
        [['b', 0], 1],
      ],
    });
  });
});
