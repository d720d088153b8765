import {
  BuiltinError,
  BuiltinNotSupportedError,
  callBuiltin,
  freshContext,
  hostBuiltinName,
  hostBuiltins,
} from '../../../services/compiler/builtins/index.js';

describe('callBuiltin', () => {
  it('codes operand type errors as eval_type_error with the builtin name', () => {
    expect(() => callBuiltin('strings.replace_n', [[], 'x'])).toThrow(
      'strings.replace_n: operand 1 must be object but got array',
    );
    try {
      callBuiltin('strings.replace_n', [[], 'x']);
    } catch (err) {
      expect(err).toBeInstanceOf(BuiltinError);
      expect((err as BuiltinError).code).toBe('eval_type_error');
    }
  });

  it('codes other failures as eval_builtin_error', () => {
    try {
      callBuiltin('div', [1, 0]);
      throw new Error('expected failure');
    } catch (err) {
      expect((err as BuiltinError).code).toBe('eval_builtin_error');
      expect((err as Error).message).toBe('div: divide by zero');
    }
  });

  it('fails loudly for builtins the host does not implement', () => {
    expect(() => callBuiltin('internal.test_case', [['t']])).toThrow(BuiltinNotSupportedError);
  });
});

describe('hostBuiltins', () => {
  it('makes a failing call undefined unless strict', () => {
    expect(hostBuiltins()['div'](1, 0)).toBeUndefined();
    expect(() => hostBuiltins({ strict: true })['div'](1, 0)).toThrow('div: divide by zero');
  });

  it('sends results holding big integers as exact JSON text', () => {
    const out = hostBuiltins()['bits.lsh'](9007199254740991, 2);
    expect(out).toBeInstanceOf(ArrayBuffer);
    expect(new TextDecoder().decode(out as ArrayBuffer)).toBe('36028797018963964');
  });
});

describe('builtins the SDK shadows', () => {
  it('are also offered under a portcullis. name with Go semantics', () => {
    const table = hostBuiltins();
    expect(hostBuiltinName('sprintf')).toBe('portcullis.sprintf');
    expect(hostBuiltinName('upper')).toBe('upper');
    expect(table['portcullis.sprintf']('%v', [[1, 'a']])).toBe('[1, "a"]');
    expect(table['sprintf']).toBe(table['portcullis.sprintf']);
  });
});

describe('evaluation context', () => {
  it('keeps time.now_ns and uuid.rfc4122 stable within one evaluation', () => {
    let context = freshContext();
    const table = hostBuiltins({ context: () => context });
    const now = () => new TextDecoder().decode(table['time.now_ns']() as ArrayBuffer);
    const first = now();
    table['test.sleep']('5ms');
    expect(now()).toBe(first);
    expect(table['uuid.rfc4122']('a')).toBe(table['uuid.rfc4122']('a'));
    expect(table['uuid.rfc4122']('a')).not.toBe(table['uuid.rfc4122']('b'));
    const before = table['uuid.rfc4122']('a');
    context = { nowNs: 42n, memo: new Map() };
    expect(table['time.now_ns']()).toBe(42);
    expect(table['uuid.rfc4122']('a')).not.toBe(before);
  });

  it('defaults to one context per synchronous run', async () => {
    const table = hostBuiltins();
    const first = table['uuid.rfc4122']('a');
    expect(table['uuid.rfc4122']('a')).toBe(first);
    await Promise.resolve();
    expect(table['uuid.rfc4122']('a')).not.toBe(first);
  });
});

describe('set results', () => {
  const text = (v: unknown) => new TextDecoder().decode(v as ArrayBuffer);

  it('go back as sorted arrays by default', () => {
    expect(hostBuiltins()['object.keys']({ b: 1, a: 2 })).toEqual(['a', 'b']);
  });

  it('can go back as Rego set literals', () => {
    const table = hostBuiltins({ setResults: 'rego-text' });
    expect(text(table['object.keys']({ b: 1, a: 2 }))).toBe('{"a","b"}');
    expect(text(table['object.keys']({}))).toBe('set()');
    expect(table['upper']('a')).toBe('A');
  });
});
