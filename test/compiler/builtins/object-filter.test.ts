/** object.filter runs in the runtime, so keys of any type survive (a host call would see JSON's string keys). */
import { loadQuery } from './support/policy.js';

const source = [
  'package test',
  '',
  'composite := object.filter({"a": 1, [[7]]: 2, {"k": 1}: 3}, {[[7]], {"k": 1}})',
  'numbers := object.filter({1: "one", 2: "two", "1": "text"}, [1])',
  'by_object := object.filter({"a": 1, "b": 2, "c": 3}, {"a": 0, "c": 0, "z": 0})',
  'check if {',
  '  composite == {[[7]]: 2, {"k": 1}: 3}',
  '  numbers == {1: "one"}',
  '  by_object == {"a": 1, "c": 3}',
  '}',
  'not_object := object.filter(input.x, ["a"])',
].join('\n');

describe('object.filter', () => {
  it('keeps the entries whose keys are given, whatever their type', async () => {
    const q = await loadQuery(source, 'c := data.test.check; b := data.test.by_object');
    expect(q.evaluate()).toEqual([{ c: true, b: { a: 1, c: 3 } }]);
  });

  it('is undefined for an operand that is not an object (a type error when strict)', async () => {
    const q = await loadQuery(source, 'x := data.test.not_object');
    expect(q.evaluate({ x: 'text' })).toEqual([]);
    expect(q.evaluate({ x: { a: 1, b: 2 } })).toEqual([{ x: { a: 1 } }]);
  });
});
