import { lex } from '../../../services/compiler/rego/lexer.js';

const kinds = (source: string) => lex(source).tokens.map((t) => t.kind);

describe('lexer', () => {
  it('names operators as OPA does and merges whitespace', () => {
    expect(kinds('a:=b==c!=d<=e>=f')).toEqual([
      'identifier',
      'assign',
      'identifier',
      'equal',
      'identifier',
      'neq',
      'identifier',
      'lte',
      'identifier',
      'gte',
      'identifier',
      'eof',
    ]);
    expect(kinds('x  # c\n\t y')).toEqual(['identifier', 'whitespace', 'identifier', 'eof']);
    expect(lex('x\ny').tokens[1].newline).toBe(true);
    expect(lex('x y').tokens[1].newline).toBe(false);
  });

  it('recognises the Rego v1 keywords', () => {
    expect(
      kinds('if contains in every some not with as default else package import null true false iff'),
    ).toEqual(
      [
        ...[
          'if',
          'contains',
          'in',
          'every',
          'some',
          'not',
          'with',
          'as',
          'default',
          'else',
          'package',
          'import',
        ],
        ...['null', 'true', 'false'],
        'identifier',
        'eof',
      ].flatMap((k, i, all) => (i < all.length - 2 ? [k, 'whitespace'] : [k])),
    );
  });

  it('keeps comments with their position, without carriage returns', () => {
    expect(lex('a # one\r\n  #two\n').comments).toEqual([
      { text: ' one', row: 1, col: 3 },
      { text: 'two', row: 2, col: 3 },
    ]);
  });

  it('counts columns in code points like OPA counts runes', () => {
    const [, , , , s] = lex('"😀" x').tokens;
    expect(s).toBeUndefined();
    const tokens = lex('"😀" x').tokens.filter((t) => t.kind !== 'whitespace');
    expect(tokens[1]).toMatchObject({ kind: 'identifier', row: 1, col: 5 });
  });

  it('marks bad tokens illegal with the reason', () => {
    expect(lex('1.').tokens[0]).toMatchObject({ kind: 'illegal', errors: ['expected fraction'] });
    expect(lex('1e').tokens[0]).toMatchObject({ kind: 'illegal', errors: ['expected exponent'] });
    expect(lex('0a2b').tokens[0]).toMatchObject({
      kind: 'illegal',
      text: '0a2b',
      errors: ['illegal number format'],
    });
    expect(lex('"abc').tokens[0]).toMatchObject({ kind: 'illegal', errors: ['non-terminated string'] });
    expect(lex('`abc').tokens[0]).toMatchObject({ kind: 'illegal', errors: ['non-terminated string'] });
    expect(lex('!').tokens[0]).toMatchObject({ kind: 'illegal', errors: ['illegal ! character'] });
    expect(lex('é').tokens[0]).toMatchObject({ kind: 'illegal' });
    expect(lex('"\ud800"').tokens[0]).toMatchObject({ kind: 'illegal', errors: ['illegal utf-8 character'] });
  });

  it('reads raw strings across lines and skips a leading byte-order mark', () => {
    expect(lex('`a\nb`').tokens[0]).toMatchObject({ kind: 'string', text: '`a\nb`' });
    expect(lex('\uFEFFx').tokens[0]).toMatchObject({ kind: 'identifier', col: 2 });
  });
});
