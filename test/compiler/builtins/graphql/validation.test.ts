/**
 * Direct calls of the GraphQL builtins: query validation rules, schema
 * validation and AST-object operands, checked against gqlparser's messages
 * as OPA reports them.
 */
import '../../../../services/compiler/builtins/graphql/index.js';
import { BuiltinError, callBuiltin } from '../../../../services/compiler/builtins/index.js';

const SCHEMA = `
type Query {
  hero(episode: Episode): Character
  human(id: ID!): Human
  search(text: String!, limit: Int = 10): [SearchResult!]!
}
type Mutation { rename(id: ID!, name: String!): Human }
enum Episode { NEWHOPE EMPIRE JEDI }
interface Character { id: ID! name: String! friends: [Character] }
type Human implements Character { id: ID! name: String! friends: [Character] height(unit: Unit = METER): Float }
type Droid implements Character { id: ID! name: String! friends: [Character] primaryFunction: String }
union SearchResult = Human | Droid
enum Unit { METER FOOT }
input Filter { name: String! tags: [String] }
`;

function parseError(query: string, schema = SCHEMA): string {
  try {
    callBuiltin('graphql.parse', [query, schema]);
  } catch (err) {
    expect(err).toBeInstanceOf(BuiltinError);
    expect((err as BuiltinError).code).toBe('eval_builtin_error');
    return (err as BuiltinError).message;
  }
  throw new Error('expected graphql.parse to fail');
}

describe('graphql query validation', () => {
  it('accepts a valid query with fragments, variables and directives', () => {
    const query = `
      query Hero($ep: Episode, $withFriends: Boolean!) {
        hero(episode: $ep) { ...parts friends @include(if: $withFriends) { name } }
        search(text: "r2") { __typename ... on Droid { primaryFunction } }
      }
      fragment parts on Character { id name }`;
    expect(callBuiltin('graphql.is_valid', [query, SCHEMA])).toBe(true);
    const [valid, queryAst] = callBuiltin('graphql.parse_and_verify', [query, SCHEMA]) as [boolean, unknown];
    expect(valid).toBe(true);
    expect(queryAst).toEqual(callBuiltin('graphql.parse_query', [query]));
  });

  it.each([
    [
      '{ hero { nickname } }',
      'graphql.parse: Cannot query field "nickname" on type "Character". Did you mean "name"?\n in GraphQL string at location 1:10',
    ],
    [
      '{ hero { nme } }',
      'graphql.parse: Cannot query field "nme" on type "Character". Did you mean "name"?\n in GraphQL string at location 1:10',
    ],
    [
      '{ human { name } }',
      'graphql.parse: Field "human" argument "id" of type "ID!" is required, but it was not provided in GraphQL string at location 1:3',
    ],
    [
      '{ hero(episod: JEDI) { name } }',
      'graphql.parse: Unknown argument "episod" on field "Query.hero". Did you mean "episode"?\n in GraphQL string at location 1:3',
    ],
    [
      '{ hero }',
      'graphql.parse: Field "hero" of type "Character" must have a selection of subfields. Did you mean "hero { ... }"?\n in GraphQL string at location 1:3',
    ],
    [
      '{ hero { name { x } } }',
      'graphql.parse: Cannot query field "x" on type "String".\ninput:1:10: Field "name" must not have a selection since type "String" has no subfields in GraphQL string at location 1:17',
    ],
    [
      'query Q($id: ID!) { hero { name } }',
      'graphql.parse: Variable "$id" is never used in operation "Q" in GraphQL string at location 1:9',
    ],
    [
      'query Q { human(id: $id) { name } }',
      'graphql.parse: Variable "$id" is not defined by operation "Q" in GraphQL string at location 1:21',
    ],
    [
      '{ hero(episode: SITH) { name } }',
      'graphql.parse: Value "SITH" does not exist in "Episode" enum in GraphQL string at location 1:17',
    ],
    [
      '{ hero { ...missing } }',
      'graphql.parse: Unknown fragment "missing" in GraphQL string at location 1:13',
    ],
    [
      '{ hero { ... on Episode { name } } }',
      'graphql.parse: Cannot query field "name" on type "Episode".\ninput:1:14: Fragment cannot condition on non composite type "Episode" in GraphQL string at location 1:27',
    ],
    [
      'mutation { rename(id: 1, name: 2) { name } }',
      'graphql.parse: String cannot represent a non string value: 2\n in GraphQL string at location 1:32',
    ],
    [
      'subscription { hero { name } }',
      'graphql.parse: Schema does not support operation type "subscription"\n in GraphQL string at location 1:1',
    ],
    [
      '{ hero { name } } { hero { id } }',
      'graphql.parse: This anonymous operation must be the only defined operation.\ninput:1:19: This anonymous operation must be the only defined operation in GraphQL string at location 1:1',
    ],
    [
      '{ hero { name: id name } }',
      'graphql.parse: Fields "name" conflict because "id" and "name" are different fields. Use different aliases on the fields to fetch both if this was intentional in GraphQL string at location 1:10',
    ],
    [
      'query Q($ep: Unit) { hero(episode: $ep) { name } }',
      'graphql.parse: Variable "$ep" of type "Unit" used in position expecting type "Episode" in GraphQL string at location 1:36',
    ],
  ])('rejects %s', (query, message) => {
    expect(parseError(query)).toContain(message);
    expect(callBuiltin('graphql.is_valid', [query, SCHEMA])).toBe(false);
    expect(callBuiltin('graphql.parse_and_verify', [query, SCHEMA])).toEqual([false, {}, {}]);
  });
});

describe('graphql schema validation', () => {
  it.each([
    ['type Query { a: Foo }', 'Undefined type Foo.'],
    ['type Query { a: Int } type Query { b: Int }', 'Cannot redeclare type Query.'],
    [
      'type Query { a(x: Query): Int }',
      'cannot use Query as argument x because OBJECT is not a valid input type',
    ],
    ['type Query { a: Int @include(if: true) }', 'Directive include is not applicable on FIELD_DEFINITION.'],
    ['type Query { a: Int a: String }', 'Field Query.a can only be defined once.'],
    [
      'interface I { a: Int } type Query implements I { b: Int }',
      'For Query to implement I it must have a field called a.',
    ],
  ])('rejects %s', (schema, message) => {
    expect(callBuiltin('graphql.schema_is_valid', [schema])).toBe(false);
    expect(parseError('{ a }', schema)).toContain(
      `graphql.parse: Error in gqlparser SchemaDocument to Schema conversion: input:`,
    );
    expect(parseError('{ a }', schema)).toContain(message);
  });

  it('accepts a schema with every kind of type', () => {
    expect(callBuiltin('graphql.schema_is_valid', [SCHEMA])).toBe(true);
  });
});

describe('graphql operands', () => {
  it('round-trips AST objects through graphql.parse', () => {
    const queryAst = callBuiltin('graphql.parse_query', [
      'query Q($e: Episode) { hero(episode: $e) { name } }',
    ]);
    const schemaAst = callBuiltin('graphql.parse_schema', [SCHEMA]);
    expect(callBuiltin('graphql.parse', [queryAst, schemaAst])).toEqual([queryAst, schemaAst]);
    expect(callBuiltin('graphql.is_valid', [queryAst, SCHEMA])).toBe(true);
    expect(callBuiltin('graphql.schema_is_valid', [schemaAst])).toBe(true);
  });

  it('decodes every selection of an AST object as a field, as gqlparser does', () => {
    const queryAst = callBuiltin('graphql.parse_query', ['{ hero { ... on Human { height } } }']);
    expect(callBuiltin('graphql.is_valid', ['{ hero { ... on Human { height } } }', SCHEMA])).toBe(true);
    expect(callBuiltin('graphql.is_valid', [queryAst, SCHEMA])).toBe(false);
    expect(parseError(queryAst as unknown as string)).toBe(
      'graphql.parse: Cannot query field "" on type "Character"',
    );
  });

  it('reports operand type errors as OPA does', () => {
    expect(() => callBuiltin('graphql.parse_query', [1])).toThrow(
      'graphql.parse_query: operand 1 must be string but got number',
    );
    expect(() => callBuiltin('graphql.parse', [[], SCHEMA])).toThrow(
      'graphql.parse: operand 0 must be one of {string, object} but got array',
    );
    expect(callBuiltin('graphql.is_valid', [1, SCHEMA])).toBe(false);
    expect(callBuiltin('graphql.schema_is_valid', [1])).toBe(false);
  });

  it('reports lexer problems as unexpected invalid tokens', () => {
    expect(() => callBuiltin('graphql.parse_query', ['{ a(x: 01) }'])).toThrow(
      'graphql.parse_query: Unexpected <Invalid> in GraphQL string at location 1:9',
    );
    expect(() => callBuiltin('graphql.parse_query', ['{ a(x: "unterminated) }'])).toThrow(
      'graphql.parse_query: Unexpected <Invalid> in GraphQL string at location 1:',
    );
  });

  it('counts columns in runes and decodes block strings', () => {
    const ast = callBuiltin('graphql.parse_schema', ['"""\n    Über\n      indented\n    """\nscalar S']);
    expect(ast).toEqual({
      Definitions: [{ BuiltIn: false, Description: 'Über\n  indented', Kind: 'SCALAR', Name: 'S' }],
    });
    // The emoji is one rune but two UTF-16 units.
    expect(() => callBuiltin('graphql.parse_schema', ['"\u{1F600}" "x"'])).toThrow(
      'graphql.parse_schema: Unexpected String "x" in GraphQL string at location 1:6',
    );
  });
});
