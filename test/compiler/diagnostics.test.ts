import { checkRego, compileRego } from '../../services/compiler/index.js';
import { RegoCompileError, sourceLineDetails } from '../../services/compiler/errors.js';
import { parseModule, parseQuery } from '../../services/compiler/rego/parser.js';

/** The message a compile or parse failure prints (what the CLI writes). */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof RegoCompileError) return err.message;
    throw err;
  }
  throw new Error('expected a RegoCompileError');
}

describe('parse errors show the source line and a caret, as OPA', () => {
  const cases: [string, string, string][] = [
    [
      'a value missing at the end of a rule body',
      'package t\n\np if { input.x == }\n',
      '1 error occurred: x.rego:3:19: rego_parse_error: unexpected } token\n\tp if { input.x == }\n\t                  ^',
    ],
    [
      'leading tabs are dropped from the line, the caret stays under the token',
      'package t\n\np if {\n\t\tx := [1, 2\n}\n',
      '1 error occurred: x.rego:5:1: rego_parse_error: unexpected } token: expected "," or "]"\n\t}\n\t^',
    ],
    [
      'at the end of input the caret points at the last token written',
      'package t\np := 1 +',
      '1 error occurred: x.rego:2:8: rego_parse_error: unexpected eof token\n\tp := 1 +\n\t       ^',
    ],
  ];
  it.each(cases)('%s', (_, source, want) => {
    expect(failure(() => parseModule(source, 'x.rego'))).toBe(want);
  });

  it('queries too', () => {
    expect(failure(() => parseQuery('x := [1,', 'query'))).toMatch(/\n\tx := \[1,\n\t {7}\^$/);
  });

  it('the caret is computed from the line and column', () => {
    expect(sourceLineDetails('a\n\tbc\n', { file: 'f', row: 2, col: 3 })).toEqual(['bc', ' ^']);
    expect(sourceLineDetails('abc   \n\n', { file: 'f', row: 3, col: 1 })).toEqual(['abc   ', '  ^']);
  });
});

describe('entrypoints', () => {
  it('an entrypoint that names no rule is a build error, as opa build', () => {
    expect(
      failure(() =>
        compileRego([{ file: 'p.rego', source: 'package pkg\nallow := true\n' }], {
          entrypoints: ['pkg/nosuch'],
        }),
      ),
    ).toBe(
      '1 error occurred: rego_compile_error: entrypoint "pkg/nosuch" does not refer to a rule or policy decision',
    );
  });
});

describe('messages name what the author wrote, never an internal var', () => {
  const compileError = (source: string, regoVersion?: 'v0'): string =>
    failure(() => compileRego([{ file: 'p.rego', source }], { entrypoints: ['t/p'], regoVersion }));
  const cases: [string, string, string][] = [
    [
      'a call in a with value whose argument is unsafe',
      'package t\np if { input.x with input.y as count(y) }\n',
      '1 error occurred: p.rego:2:32: rego_unsafe_var_error: var y is unsafe',
    ],
    [
      'a function call in a negated ref',
      'package t\np if { not f(x)[0] }\nf(x) := [x]\n',
      '1 error occurred: p.rego:2:12: rego_unsafe_var_error: var x is unsafe',
    ],
    [
      'a call in an every domain',
      'package t\np if { every x in [count(q)] { x > 0 } }\n',
      '1 error occurred: p.rego:2:20: rego_unsafe_var_error: var q is unsafe',
    ],
    [
      'a ref into a call result prints the call',
      'package t\np if { input.x == count(input.y)[0] }\n',
      [
        '1 error occurred: p.rego:2:19: rego_type_error: undefined ref: count(input.y)[0]',
        'count(input.y)[0]',
        '^^^^^^^^^^^^^^',
        'have: number',
      ].join('\n\t'),
    ],
    [
      'a renamed local in a ref',
      'package t\np if { xs := [1]; xs[0].a }\n',
      [
        '1 error occurred: p.rego:2:19: rego_type_error: undefined ref: xs[0].a',
        'xs[0].a',
        '^^^^^',
        'have: number',
      ].join('\n\t'),
    ],
  ];
  it.each(cases)('%s', (_, source, want) => {
    expect(compileError(source)).toBe(want);
  });

  it('an unsafe var named like a keyword a v0 module did not import hints at the import', () => {
    expect(compileError('package t\np { x := 1; contains }\n', 'v0')).toBe(
      '1 error occurred: p.rego:2:13: rego_unsafe_var_error: var contains is unsafe (hint: `import future.keywords.contains` to import a future keyword)',
    );
  });
});

describe('checkRego (what portcullis check runs)', () => {
  it('runs every compile stage, types included, without building a module', () => {
    expect(() => checkRego([{ file: 'p.rego', source: 'package t\np := 1\n' }])).not.toThrow();
    expect(failure(() => checkRego([{ file: 'p.rego', source: 'package t\np := count(5)\n' }]))).toMatch(
      /^1 error occurred: p\.rego:2:6: rego_type_error: count: invalid argument\(s\)/,
    );
    expect(
      failure(() =>
        checkRego([{ file: 'p.rego', source: 'package t\np if { x := 1; true }\n' }], { strict: true }),
      ),
    ).toBe('1 error occurred: p.rego:2:8: rego_compile_error: assigned var x unused');
  });
});
