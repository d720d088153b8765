/**
 * Recursive-descent parser for GraphQL query documents, following
 * gqlparser's grammar decisions and error messages token for token (OPA
 * surfaces those messages verbatim). The first error ends parsing, as
 * gqlparser keeps only its first error.
 */
import { goQuote } from '../goformat.js';
import { ValueKind } from './ast.js';
import type {
  Argument,
  Directive,
  Field,
  FragmentDefinition,
  GqlType,
  GqlValue,
  OperationDefinition,
  Position,
  QueryDocument,
  Selection,
  VariableDefinition,
} from './ast.js';
import { GraphQLError } from './errors.js';
import { Lexer, describeToken } from './lexer.js';
import type { Token, TokenKind } from './lexer.js';

export class ParserBase {
  private readonly lexer: Lexer;
  private peeked: Token | undefined;
  protected prev: Token | undefined;

  constructor(input: string) {
    this.lexer = new Lexer(input);
  }

  protected peek(): Token {
    this.peeked ??= this.lexer.next();
    return this.peeked;
  }

  protected peekPos(): Position {
    return { ...this.peek().pos };
  }

  protected next(): Token {
    const tok = this.peek();
    this.peeked = undefined;
    this.prev = tok;
    return tok;
  }

  protected fail(tok: Token, message: string): never {
    throw new GraphQLError(message, tok.pos);
  }

  protected unexpected(tok: Token = this.peek()): never {
    this.fail(tok, `Unexpected ${describeToken(tok, goQuote)}`);
  }

  protected expect(kind: TokenKind): Token {
    const tok = this.peek();
    if (tok.kind === kind) return this.next();
    this.fail(tok, `Expected ${kind}, found ${tok.kind}`);
  }

  protected expectKeyword(value: string): Token {
    const tok = this.peek();
    if (tok.kind === 'Name' && tok.value === value) return this.next();
    this.fail(tok, `Expected ${goQuote(value)}, found ${describeToken(tok, goQuote)}`);
  }

  protected skip(kind: TokenKind): boolean {
    if (this.peek().kind !== kind) return false;
    this.next();
    return true;
  }

  /** Zero or more items between `start` and `end`, if `start` is present. */
  protected many(start: TokenKind, end: TokenKind, item: () => void): void {
    if (!this.skip(start)) return;
    while (this.peek().kind !== end) item();
    this.next();
  }

  /** One or more items between `start` and `end`, if `start` is present. */
  protected some(start: TokenKind, end: TokenKind, item: () => void): void {
    if (!this.skip(start)) return;
    let called = false;
    while (this.peek().kind !== end) {
      called = true;
      item();
    }
    if (!called) this.fail(this.peek(), `expected at least one definition, found ${this.peek().kind}`);
    this.next();
  }

  protected parseName(): string {
    return this.expect('Name').value;
  }

  protected parseOperationType(): string {
    const tok = this.next();
    if (tok.value === 'query' || tok.value === 'mutation' || tok.value === 'subscription') return tok.value;
    this.unexpected(tok);
  }

  protected parseVariable(): string {
    this.expect('$');
    return this.parseName();
  }

  protected parseValueLiteral(isConst: boolean): GqlValue {
    const tok = this.peek();
    let kind: number;
    switch (tok.kind) {
      case '[':
        return this.parseList(isConst);
      case '{':
        return this.parseObject(isConst);
      case '$':
        if (isConst) this.unexpected();
        return { Position: this.peekPos(), Raw: this.parseVariable(), Kind: ValueKind.Variable };
      case 'Int':
        kind = ValueKind.IntValue;
        break;
      case 'Float':
        kind = ValueKind.FloatValue;
        break;
      case 'String':
        kind = ValueKind.StringValue;
        break;
      case 'BlockString':
        kind = ValueKind.BlockValue;
        break;
      case 'Name':
        kind =
          tok.value === 'true' || tok.value === 'false'
            ? ValueKind.BooleanValue
            : tok.value === 'null'
              ? ValueKind.NullValue
              : ValueKind.EnumValue;
        break;
      default:
        this.unexpected();
    }
    this.next();
    return { Position: { ...tok.pos }, Raw: tok.value, Kind: kind };
  }

  private parseList(isConst: boolean): GqlValue {
    const pos = this.peekPos();
    const children: GqlValue['Children'] = [];
    this.many('[', ']', () => children.push({ Name: '', Value: this.parseValueLiteral(isConst) }));
    return { Raw: '', Children: children, Kind: ValueKind.ListValue, Position: pos };
  }

  private parseObject(isConst: boolean): GqlValue {
    const pos = this.peekPos();
    const children: GqlValue['Children'] = [];
    this.many('{', '}', () => {
      const fieldPos = this.peekPos();
      const name = this.parseName();
      this.expect(':');
      children.push({ Name: name, Value: this.parseValueLiteral(isConst), Position: fieldPos });
    });
    return { Raw: '', Children: children, Kind: ValueKind.ObjectValue, Position: pos };
  }

  protected parseArguments(isConst: boolean): Argument[] {
    const args: Argument[] = [];
    this.many('(', ')', () => {
      const pos = this.peekPos();
      const name = this.parseName();
      this.expect(':');
      args.push({ Name: name, Value: this.parseValueLiteral(isConst), Position: pos });
    });
    return args;
  }

  protected parseDirectives(isConst: boolean): Directive[] {
    const dirs: Directive[] = [];
    while (this.peek().kind === '@') {
      this.expect('@');
      const pos = this.peekPos();
      const name = this.parseName();
      dirs.push({ Name: name, Arguments: this.parseArguments(isConst), Position: pos, Location: '' });
    }
    return dirs;
  }

  protected parseTypeReference(): GqlType {
    const typ: GqlType = { NamedType: '', NonNull: false };
    if (this.skip('[')) {
      typ.Position = this.peekPos();
      typ.Elem = this.parseTypeReference();
      this.expect(']');
    } else {
      typ.Position = this.peekPos();
      typ.NamedType = this.parseName();
    }
    if (this.skip('!')) {
      typ.Position = this.peekPos();
      typ.NonNull = true;
    }
    return typ;
  }
}

class QueryParser extends ParserBase {
  parseDocument(): QueryDocument {
    const doc: QueryDocument = {};
    const operations: OperationDefinition[] = [];
    const fragments: FragmentDefinition[] = [];
    while (this.peek().kind !== '<EOF>') {
      const tok = this.peek();
      if (tok.kind === '{') {
        operations.push(this.parseOperationDefinition());
      } else if (tok.kind === 'Name' && ['query', 'mutation', 'subscription'].includes(tok.value)) {
        operations.push(this.parseOperationDefinition());
      } else if (tok.kind === 'Name' && tok.value === 'fragment') {
        fragments.push(this.parseFragmentDefinition());
      } else {
        this.unexpected();
      }
    }
    if (operations.length) doc.Operations = operations;
    if (fragments.length) doc.Fragments = fragments;
    return doc;
  }

  private parseOperationDefinition(): OperationDefinition {
    const pos = this.peekPos();
    if (this.peek().kind === '{') {
      return { Operation: 'query', Name: '', SelectionSet: this.parseRequiredSelectionSet(), Position: pos };
    }
    const op: OperationDefinition = { Operation: this.parseOperationType(), Name: '', Position: pos };
    if (this.peek().kind === 'Name') op.Name = this.next().value;
    op.VariableDefinitions = this.parseVariableDefinitions();
    op.Directives = this.parseDirectives(false);
    op.SelectionSet = this.parseRequiredSelectionSet();
    return op;
  }

  private parseVariableDefinitions(): VariableDefinition[] {
    const defs: VariableDefinition[] = [];
    this.many('(', ')', () => {
      const def: VariableDefinition = { Variable: '', Position: this.peekPos(), Used: false };
      def.Variable = this.parseVariable();
      this.expect(':');
      def.Type = this.parseTypeReference();
      if (this.skip('=')) def.DefaultValue = this.parseValueLiteral(true);
      def.Directives = this.parseDirectives(false);
      defs.push(def);
    });
    return defs;
  }

  private parseRequiredSelectionSet(): Selection[] {
    const tok = this.peek();
    if (tok.kind !== '{') this.fail(tok, `Expected {, found ${tok.kind}`);
    return this.parseSelectionSet();
  }

  private parseSelectionSet(): Selection[] {
    const selections: Selection[] = [];
    this.some('{', '}', () => selections.push(this.parseSelection()));
    return selections;
  }

  private parseSelection(): Selection {
    return this.peek().kind === '...' ? this.parseFragment() : this.parseField();
  }

  private parseField(): Field {
    const field: Field = { kind: 'field', Alias: '', Name: '', Position: this.peekPos() };
    field.Alias = this.parseName();
    field.Name = this.skip(':') ? this.parseName() : field.Alias;
    field.Arguments = this.parseArguments(false);
    field.Directives = this.parseDirectives(false);
    if (this.peek().kind === '{') field.SelectionSet = this.parseSelectionSet();
    return field;
  }

  private parseFragment(): Selection {
    this.expect('...');
    const peek = this.peek();
    if (peek.kind === 'Name' && peek.value !== 'on') {
      const pos = this.peekPos();
      const name = this.parseFragmentName();
      return { kind: 'spread', Name: name, Directives: this.parseDirectives(false), Position: pos };
    }
    const inline: Selection = { kind: 'inline', TypeCondition: '', Position: this.peekPos() };
    if (this.peek().value === 'on') {
      this.next();
      inline.TypeCondition = this.parseName();
    }
    inline.Directives = this.parseDirectives(false);
    inline.SelectionSet = this.parseRequiredSelectionSet();
    return inline;
  }

  private parseFragmentDefinition(): FragmentDefinition {
    const pos = this.peekPos();
    this.expectKeyword('fragment');
    const def: FragmentDefinition = { Name: this.parseFragmentName(), TypeCondition: '', Position: pos };
    def.VariableDefinition = this.parseVariableDefinitions();
    this.expectKeyword('on');
    def.TypeCondition = this.parseName();
    def.Directives = this.parseDirectives(false);
    def.SelectionSet = this.parseRequiredSelectionSet();
    return def;
  }

  private parseFragmentName(): string {
    if (this.peek().value === 'on') this.unexpected();
    return this.parseName();
  }
}

/** Parses a query document; throws `GraphQLError` with gqlparser's message and position. */
export function parseQuery(input: string): QueryDocument {
  return new QueryParser(input).parseDocument();
}
