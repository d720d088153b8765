import { BuiltinError, BuiltinNotSupportedError, callBuiltin, hostBuiltins } from '../../../services/compiler/builtins/index.js';

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
    expect(() => callBuiltin('http.send', [{}])).toThrow(BuiltinNotSupportedError);
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
