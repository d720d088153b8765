import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SchemaError, schemaKey, schemaToType } from '../../../services/compiler/compile/typecheck/schema.js';
import { readSchemaSet } from '../../../services/compiler/compile/typecheck/schema-files.js';
import { typeToString } from '../../../services/compiler/compile/typecheck/types.js';

/** JSON Schema → type, as OPA reads schemas for its type checker. */
describe('schemaToType', () => {
  it.each([
    [{ type: 'string' }, 'string'],
    [{ type: 'integer' }, 'number'],
    [{ type: ['string', 'null'] }, 'string'],
    [{ type: 'object' }, 'object[any: any]'],
    [
      { type: 'object', properties: { b: { type: 'boolean' }, a: { type: 'number' } } },
      'object<a: number, b: boolean>',
    ],
    [{ properties: { a: { type: 'string' } } }, 'object<a: string>'],
    [{ type: 'array', items: { type: 'string' } }, 'array[string]'],
    [{ type: 'array', items: [{ type: 'string' }, { type: 'number' }] }, 'array<string, number>'],
    [{ type: 'array' }, 'array[any]'],
    [{ anyOf: [{ type: 'string' }, { type: 'number' }] }, 'any<number, string>'],
    [
      { allOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: { type: 'number' } } }] },
      'object<a: string, b: number>',
    ],
    [
      {
        definitions: { id: { type: 'string' } },
        type: 'object',
        properties: { id: { $ref: '#/definitions/id' } },
      },
      'object<id: string>',
    ],
    [{ enum: ['a', 'b'] }, 'any'],
    [true, 'any'],
  ])('%j is %s', (schema, want) => {
    expect(typeToString(schemaToType(schema))).toBe(want);
  });

  it('a recursive schema ends: the inner occurrence is an open object', () => {
    const schema = {
      $defs: {
        node: { type: 'object', properties: { next: { $ref: '#/$defs/node' }, v: { type: 'number' } } },
      },
      $ref: '#/$defs/node',
    };
    expect(typeToString(schemaToType(schema))).toBe('object<next: object[any: any], v: number>');
  });

  it('an array of itself ends too', () => {
    const schema = {
      $defs: { list: { type: 'array', items: { $ref: '#/$defs/list' } } },
      $ref: '#/$defs/list',
    };
    expect(typeToString(schemaToType(schema))).toBe('array[any]');
  });

  it('refuses what it cannot read', () => {
    expect(() => schemaToType({ $ref: 'https://example.com/s.json' })).toThrow(SchemaError);
    expect(() => schemaToType({ allOf: [{ type: 'string' }, { type: 'number' }] })).toThrow(
      'unable to merge these schemas: type mismatch: string and number',
    );
  });
});

describe('readSchemaSet (--schema)', () => {
  it('a file is the schema of input; a directory holds schemas by path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-schemas-'));
    mkdirSync(join(dir, 'kubernetes'));
    writeFileSync(join(dir, 'input.json'), '{"type": "string"}');
    writeFileSync(join(dir, 'kubernetes', 'pod.json'), '{"type": "object"}');
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    expect(readSchemaSet(join(dir, 'input.json'))).toEqual({ input: { type: 'string' } });
    const set = readSchemaSet(dir);
    expect([...(set.byPath?.keys() ?? [])].sort()).toEqual([
      schemaKey(['input']),
      schemaKey(['kubernetes', 'pod']),
    ]);
    expect(set.input).toBeUndefined();
  });

  it('a file that is not JSON, or no file at all, is a SchemaError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-schemas-'));
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(() => readSchemaSet(join(dir, 'bad.json'))).toThrow(SchemaError);
    expect(() => readSchemaSet(join(dir, 'missing.json'))).toThrow(/no such file or directory/);
  });
});
