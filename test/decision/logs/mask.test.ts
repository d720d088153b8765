import { applyMask, parseMaskRules, type DecisionEvent } from '../../../services/decision/index.js';

const event = (): DecisionEvent => ({
  labels: { id: 'x' },
  decision_id: 'd1',
  path: 'authz/allow',
  input: { user: { name: 'alice', password: 's3cret', tags: ['a', 'b', 'c'] }, token: 'abc' },
  result: { allow: true, reasons: ['r1'] },
  requested_by: '127.0.0.1:1',
  timestamp: '2026-01-01T00:00:00.000Z',
  req_id: 1,
});

describe('parseMaskRules', () => {
  test('strings are remove rules; objects carry op, path and value', () => {
    expect(parseMaskRules(['/input/token', { op: 'upsert', path: '/result/allow', value: false }])).toEqual([
      { op: 'remove', part: 'input', keys: ['token'], path: '/input/token' },
      { op: 'upsert', part: 'result', keys: ['allow'], path: '/result/allow', value: false },
    ]);
  });

  test.each([
    [{ rules: 1 }, 'unexpected mask rule format'],
    [['input/x'], 'slash-prefixed'],
    [['/data/x'], 'mask prefix not allowed: data'],
    [[''], 'non-empty'],
    [[{ op: 'replace', path: '/input/x' }], 'mask op is not supported: replace'],
    [[42], 'invalid mask rule'],
  ])('%j is refused', (value, message) => {
    expect(() => parseMaskRules(value)).toThrow(message);
  });
});

describe('applyMask', () => {
  test('erases existing paths and lists them in erased, leaving the original untouched', () => {
    const original = event();
    const masked = applyMask(
      original,
      parseMaskRules(['/input/user/password', '/input/token', '/input/absent']),
    );
    expect(masked.input).toEqual({ user: { name: 'alice', tags: ['a', 'b', 'c'] } });
    expect(masked.erased).toEqual(['/input/user/password', '/input/token']);
    expect(masked.masked).toBeUndefined();
    expect((original.input as { token: string }).token).toBe('abc');
  });

  test('removes array elements by index', () => {
    const masked = applyMask(event(), parseMaskRules(['/input/user/tags/1', '/input/user/tags/9']));
    expect((masked.input as { user: { tags: string[] } }).user.tags).toEqual(['a', 'c']);
    expect(masked.erased).toEqual(['/input/user/tags/1']);
  });

  test('upsert replaces or creates values and lists them in masked', () => {
    const masked = applyMask(
      event(),
      parseMaskRules([
        { op: 'upsert', path: '/input/user/password', value: '**REDACTED**' },
        { op: 'upsert', path: '/input/new/deep/key', value: 1 },
        { op: 'upsert', path: '/result/reasons/0', value: 'hidden' },
      ]),
    );
    expect(masked.input).toMatchObject({ user: { password: '**REDACTED**' }, new: { deep: { key: 1 } } });
    expect((masked.result as { reasons: string[] }).reasons).toEqual(['hidden']);
    expect(masked.masked).toEqual(['/input/user/password', '/input/new/deep/key', '/result/reasons/0']);
  });

  test('whole-part rules: /input removed, /result replaced', () => {
    const masked = applyMask(
      event(),
      parseMaskRules(['/input', { op: 'upsert', path: '/result', value: { allow: 'masked' } }]),
    );
    expect('input' in masked).toBe(false);
    expect(masked.result).toEqual({ allow: 'masked' });
    expect(masked.erased).toEqual(['/input']);
    expect(masked.masked).toEqual(['/result']);
  });

  test('rules on an absent part, or through a scalar, change nothing', () => {
    const base = { ...event(), result: undefined };
    delete base.result;
    const masked = applyMask(
      base,
      parseMaskRules([
        '/result/allow',
        '/nd_builtin_cache/x',
        { op: 'upsert', path: '/input/token/inner', value: 1 },
      ]),
    );
    expect(masked.erased).toBeUndefined();
    expect(masked.masked).toBeUndefined();
    expect(masked.input).toEqual(event().input);
  });
});
