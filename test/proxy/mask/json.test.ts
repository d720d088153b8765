import { textMasker } from '../../../services/proxy/mask/detectors.js';
import { parseFieldPath, pathMatches } from '../../../services/proxy/mask/field-paths.js';
import { maskJson } from '../../../services/proxy/mask/json.js';

describe('field paths', () => {
  it.each([
    ['a.b', ['a', 'b'], true],
    ['a.b', ['a', 'c'], false],
    ['*.password', ['user', 'password'], true],
    ['*.password', ['password'], false],
    ['*.password', [0, 'password'], true],
    ['**.password', ['password'], true],
    ['**.password', ['a', 1, 'b', 'password'], true],
    ['users[*].ssn', ['users', 3, 'ssn'], true],
    ['users[*].ssn', ['users', 'x', 'ssn'], false],
    ['users[1].ssn', ['users', 0, 'ssn'], false],
    ['card_*', ['card_number'], true],
    ['card_*', ['cardnumber'], false],
    ['a.**', ['a', 'b', 'c'], true],
  ] as const)('%s against %j → %s', (glob, path, expected) => {
    expect(pathMatches(parseFieldPath(glob), path)).toBe(expected);
  });

  it.each(['', 'a..b', 'a[x]', '.a', 'a['])('refuses the malformed path %j', (glob) => {
    expect(() => parseFieldPath(glob)).toThrow(expect.objectContaining({ code: 'decision_invalid' }));
  });
});

describe('maskJson', () => {
  const none = textMasker([], [], 'X');

  it('masks every scalar under a matched object and keeps nulls, keys and shape', () => {
    const value = { profile: { name: 'a', tags: ['x', 1], missing: null }, keep: true };
    const result = maskJson(value, [parseFieldPath('profile')], none, 'X');
    expect(result.value).toEqual({ profile: { name: 'X', tags: ['X', 'X'], missing: null }, keep: true });
    expect(result.count).toBe(3);
  });

  it('runs detectors on strings and numbers outside the fields', () => {
    const masker = textMasker(['credit_card', 'email'], [], 'X');
    const result = maskJson({ n: 4242424242424242, s: 'to a@b.io', k: 7 }, [], masker, 'X');
    expect(result.value).toEqual({ n: 'X', s: 'to X', k: 7 });
  });

  it('does not change its input', () => {
    const value = { a: 'secret' };
    maskJson(value, [parseFieldPath('a')], none, 'X');
    expect(value.a).toBe('secret');
  });
});
