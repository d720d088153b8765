/**
 * OPA's GraphQL builtins (`v1/topdown/graphql.go`), registered on import:
 * documents are parsed and validated as gqlparser does, and ASTs are handed
 * back as OPA shapes them (Go field names, no positions, nulls and empty
 * collections pruned). Queries and schemas may also be given as AST objects,
 * which are decoded the way OPA's JSON round trip decodes them.
 *
 * Why not graphql-js (a dependency): OPA uses gqlparser (vektah/gqlparser),
 * whose grammar, AST (Go structs, field names and pruning) and error texts
 * differ from graphql-js's ("Unexpected <EOF> in GraphQL string at location
 * 1:18" against "Syntax Error: Unexpected <EOF>."), and the conformance
 * cases check those texts; graphql-js also accepts and rejects some
 * documents gqlparser does not. Mapping its output would not give OPA's.
 */
import { BuiltinFailure, OperandError } from '../errors.js';
import { operandTypeError } from '../operands.js';
import { register } from '../registry.js';
import type { QueryDocument, SchemaDocument } from './ast.js';
import { decodeQueryDocument, decodeSchemaDocument, isDocumentObject } from './decode.js';
import { encodeDocument } from './encode.js';
import { GraphQLError, describeParseError, describeValidationErrors } from './errors.js';
import { parseQuery } from './parser.js';
import { buildSchema } from './schema.js';
import type { Schema } from './schema.js';
import { parseSchema } from './schema-parser.js';
import { validateQuery } from './validate.js';

function failure(err: unknown): never {
  if (err instanceof GraphQLError) throw new BuiltinFailure(describeParseError(err));
  throw err;
}

function queryFromString(text: string): QueryDocument {
  try {
    return parseQuery(text);
  } catch (err) {
    failure(err);
  }
}

function schemaFromString(text: string): SchemaDocument {
  try {
    return parseSchema(text);
  } catch (err) {
    failure(err);
  }
}

function decoded<T>(decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof GraphQLError) throw new BuiltinFailure(err.message);
    throw err;
  }
}

/** A query operand: a string to parse or an AST object; `undefined` for any other type. */
function readQuery(value: unknown): QueryDocument | undefined {
  if (typeof value === 'string') return queryFromString(value);
  if (isDocumentObject(value)) return decoded(() => decodeQueryDocument(value));
  return undefined;
}

function readSchema(value: unknown): SchemaDocument | undefined {
  if (typeof value === 'string') return schemaFromString(value);
  if (isDocumentObject(value)) return decoded(() => decodeSchemaDocument(value));
  return undefined;
}

/** gqlparser's schema conversion, with OPA's wrapping of its error. */
function convertSchema(doc: SchemaDocument): Schema {
  try {
    return buildSchema(doc);
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    const where = err.line === undefined ? '' : `:${err.line}:${err.column}`;
    throw new BuiltinFailure(
      `Error in gqlparser SchemaDocument to Schema conversion: input${where}: ${err.message}`,
    );
  }
}

function verify(schema: Schema, query: QueryDocument): void {
  const errors = validateQuery(schema, query);
  if (errors.length) throw new BuiltinFailure(describeValidationErrors(errors));
}

/** Parses, converts and validates; the shared core of `graphql.parse` and its lenient variants. */
function parseAndValidate(queryArg: unknown, schemaArg: unknown): [unknown, unknown] {
  const query = readQuery(queryArg);
  if (!query) throw operandTypeError(0, queryArg, 'string', 'object');
  const schemaDoc = readSchema(schemaArg);
  if (!schemaDoc) throw operandTypeError(1, schemaArg, 'string', 'object');
  const queryAst = encodeDocument(query);
  const schemaAst = encodeDocument(schemaDoc);
  verify(convertSchema(schemaDoc), query);
  return [queryAst, schemaAst];
}

function succeeds<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (err) {
    if (err instanceof BuiltinFailure || err instanceof GraphQLError || err instanceof OperandError)
      return undefined;
    throw err;
  }
}

register('graphql', {
  'graphql.parse_query': (query) => {
    if (typeof query !== 'string') throw operandTypeError(1, query, 'string');
    return encodeDocument(queryFromString(query));
  },
  'graphql.parse_schema': (schema) => {
    if (typeof schema !== 'string') throw operandTypeError(1, schema, 'string');
    return encodeDocument(schemaFromString(schema));
  },
  'graphql.parse': (query, schema) => parseAndValidate(query, schema),
  'graphql.parse_and_verify': (query, schema) => {
    const result = succeeds(() => parseAndValidate(query, schema));
    return result ? [true, ...result] : [false, {}, {}];
  },
  'graphql.is_valid': (query, schema) => succeeds(() => parseAndValidate(query, schema)) !== undefined,
  'graphql.schema_is_valid': (schema) =>
    succeeds(() => {
      const doc = readSchema(schema);
      if (!doc) throw new BuiltinFailure('not a schema');
      return convertSchema(doc);
    }) !== undefined,
});
