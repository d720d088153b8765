/**
 * Parser for GraphQL schema documents (SDL), with gqlparser's grammar
 * decisions and messages: descriptions only before definitions, extensions
 * that must add something, and the fixed list of directive locations.
 */
import type {
  ArgumentDefinition,
  Definition,
  DefinitionKind,
  DirectiveDefinition,
  EnumValueDefinition,
  FieldDefinition,
  OperationTypeDefinition,
  SchemaDefinition,
  SchemaDocument,
} from './ast.js';
import { ParserBase } from './parser.js';
import type { TokenKind } from './lexer.js';

const DIRECTIVE_LOCATIONS = new Set([
  'QUERY',
  'MUTATION',
  'SUBSCRIPTION',
  'FIELD',
  'FRAGMENT_DEFINITION',
  'FRAGMENT_SPREAD',
  'INLINE_FRAGMENT',
  'VARIABLE_DEFINITION',
  'SCHEMA',
  'SCALAR',
  'OBJECT',
  'FIELD_DEFINITION',
  'ARGUMENT_DEFINITION',
  'INTERFACE',
  'UNION',
  'ENUM',
  'ENUM_VALUE',
  'INPUT_OBJECT',
  'INPUT_FIELD_DEFINITION',
]);

const TYPE_KEYWORDS = new Map<string, DefinitionKind>([
  ['scalar', 'SCALAR'],
  ['type', 'OBJECT'],
  ['interface', 'INTERFACE'],
  ['union', 'UNION'],
  ['enum', 'ENUM'],
  ['input', 'INPUT_OBJECT'],
]);

function push<T>(list: T[] | undefined, item: T): T[] {
  return list ? [...list, item] : [item];
}

class SchemaParser extends ParserBase {
  parseDocument(): SchemaDocument {
    const doc: SchemaDocument = {};
    while (this.peek().kind !== '<EOF>') {
      let description = '';
      const kind = this.peek().kind;
      if (kind === 'String' || kind === 'BlockString') description = this.next().value;
      const tok = this.peek();
      if (tok.kind !== 'Name') this.unexpected();
      if (TYPE_KEYWORDS.has(tok.value)) {
        doc.Definitions = push(doc.Definitions, this.parseTypeDefinition(description));
      } else if (tok.value === 'schema') {
        doc.Schema = push(doc.Schema, this.parseSchemaDefinition(description));
      } else if (tok.value === 'directive') {
        doc.Directives = push(doc.Directives, this.parseDirectiveDefinition(description));
      } else if (tok.value === 'extend') {
        if (description !== '' && this.prev) this.unexpected(this.prev);
        this.parseExtension(doc);
      } else {
        this.unexpected();
      }
    }
    return doc;
  }

  private newDefinition(kind: DefinitionKind, description: string): Definition {
    return { Kind: kind, Description: description, Name: '', Position: this.peekPos(), BuiltIn: false };
  }

  private parseTypeDefinition(description: string): Definition {
    const keyword = this.peek().value;
    const kind = TYPE_KEYWORDS.get(keyword) ?? '';
    this.expectKeyword(keyword);
    const def = this.newDefinition(kind, description);
    def.Name = this.parseName();
    if (kind === 'OBJECT' || kind === 'INTERFACE') def.Interfaces = this.parseImplements();
    def.Directives = this.parseDirectives(true);
    if (kind === 'OBJECT' || kind === 'INTERFACE') def.Fields = this.parseFields();
    if (kind === 'UNION') def.Types = this.parseUnionMembers();
    if (kind === 'ENUM') def.EnumValues = this.parseEnumValues();
    if (kind === 'INPUT_OBJECT') def.Fields = this.parseInputFields();
    return def;
  }

  private parseSchemaDefinition(description: string): SchemaDefinition {
    this.expectKeyword('schema');
    const def: SchemaDefinition = { Description: description, Position: this.peekPos() };
    def.Directives = this.parseDirectives(true);
    const ops: OperationTypeDefinition[] = [];
    this.some('{', '}', () => ops.push(this.parseOperationTypeDefinition()));
    def.OperationTypes = ops;
    return def;
  }

  private parseOperationTypeDefinition(): OperationTypeDefinition {
    const pos = this.peekPos();
    const operation = this.parseOperationType();
    this.expect(':');
    return { Operation: operation, Type: this.parseName(), Position: pos };
  }

  private parseImplements(): string[] {
    const types: string[] = [];
    if (this.peek().value === 'implements') {
      this.next();
      this.skip('&');
      types.push(this.parseName());
      while (this.skip('&')) types.push(this.parseName());
    }
    return types;
  }

  private parseDescription(): string {
    const kind = this.peek().kind;
    return kind === 'String' || kind === 'BlockString' ? this.next().value : '';
  }

  private parseFields(): FieldDefinition[] {
    const fields: FieldDefinition[] = [];
    this.some('{', '}', () => {
      const def: FieldDefinition = { Description: '', Name: '', Position: this.peekPos() };
      def.Description = this.parseDescription();
      def.Name = this.parseName();
      def.Arguments = this.parseArgumentDefs();
      this.expect(':');
      def.Type = this.parseTypeReference();
      def.Directives = this.parseDirectives(true);
      fields.push(def);
    });
    return fields;
  }

  private parseArgumentDefs(): ArgumentDefinition[] {
    return this.parseInputValueDefs('(', ')');
  }

  private parseInputFields(): FieldDefinition[] {
    return this.parseInputValueDefs('{', '}');
  }

  /** Argument and input-field definitions: `name: Type = default @directives`, between `open` and `close`. */
  private parseInputValueDefs(open: TokenKind, close: TokenKind): ArgumentDefinition[] {
    const defs: ArgumentDefinition[] = [];
    this.some(open, close, () => {
      const def: ArgumentDefinition = { Description: '', Name: '', Position: this.peekPos() };
      def.Description = this.parseDescription();
      def.Name = this.parseName();
      this.expect(':');
      def.Type = this.parseTypeReference();
      if (this.skip('=')) def.DefaultValue = this.parseValueLiteral(true);
      def.Directives = this.parseDirectives(true);
      defs.push(def);
    });
    return defs;
  }

  private parseUnionMembers(): string[] {
    const types: string[] = [];
    if (this.skip('=')) {
      this.skip('|');
      types.push(this.parseName());
      while (this.skip('|')) types.push(this.parseName());
    }
    return types;
  }

  private parseEnumValues(): EnumValueDefinition[] {
    const values: EnumValueDefinition[] = [];
    this.some('{', '}', () => {
      const pos = this.peekPos();
      const description = this.parseDescription();
      const name = this.parseName();
      values.push({
        Position: pos,
        Description: description,
        Name: name,
        Directives: this.parseDirectives(true),
      });
    });
    return values;
  }

  private parseExtension(doc: SchemaDocument): void {
    this.expectKeyword('extend');
    const keyword = this.peek().value;
    if (keyword === 'schema') {
      this.expectKeyword('schema');
      const def: SchemaDefinition = { Description: '', Position: this.peekPos() };
      def.Directives = this.parseDirectives(true);
      const ops: OperationTypeDefinition[] = [];
      this.some('{', '}', () => ops.push(this.parseOperationTypeDefinition()));
      def.OperationTypes = ops;
      if (def.Directives.length === 0 && ops.length === 0) this.unexpected();
      doc.SchemaExtension = push(doc.SchemaExtension, def);
      return;
    }
    const kind = TYPE_KEYWORDS.get(keyword);
    if (!kind) this.unexpected();
    this.expectKeyword(keyword);
    const def = this.newDefinition(kind, '');
    def.Name = this.parseName();
    if (kind === 'OBJECT') def.Interfaces = this.parseImplements();
    def.Directives = this.parseDirectives(kind !== 'INPUT_OBJECT');
    let added = def.Directives.length + (def.Interfaces?.length ?? 0);
    if (kind === 'OBJECT' || kind === 'INTERFACE') def.Fields = this.parseFields();
    if (kind === 'INPUT_OBJECT') def.Fields = this.parseInputFields();
    if (kind === 'UNION') def.Types = this.parseUnionMembers();
    if (kind === 'ENUM') def.EnumValues = this.parseEnumValues();
    added += (def.Fields?.length ?? 0) + (def.Types?.length ?? 0) + (def.EnumValues?.length ?? 0);
    if (added === 0) this.unexpected();
    doc.Extensions = push(doc.Extensions, def);
  }

  private parseDirectiveDefinition(description: string): DirectiveDefinition {
    this.expectKeyword('directive');
    this.expect('@');
    const def: DirectiveDefinition = { Description: description, Name: '', IsRepeatable: false };
    def.Position = this.peekPos();
    def.Name = this.parseName();
    def.Arguments = this.parseArgumentDefs();
    const peek = this.peek();
    if (peek.kind === 'Name' && peek.value === 'repeatable') {
      def.IsRepeatable = true;
      this.next();
    }
    this.expectKeyword('on');
    this.skip('|');
    const locations = [this.parseDirectiveLocation()];
    while (this.skip('|')) locations.push(this.parseDirectiveLocation());
    def.Locations = locations;
    return def;
  }

  private parseDirectiveLocation(): string {
    const tok = this.expect('Name');
    if (!DIRECTIVE_LOCATIONS.has(tok.value)) this.unexpected(tok);
    return tok.value;
  }
}

/** Parses a schema document; throws `GraphQLError` with gqlparser's message and position. */
export function parseSchema(input: string): SchemaDocument {
  return new SchemaParser(input).parseDocument();
}
