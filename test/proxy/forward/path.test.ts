import { normalisePath, splitTarget } from '../../../services/proxy/forward/path.js';

describe('normalisePath', () => {
  it.each([
    ['/', '/', []],
    ['/a/b', '/a/b', ['a', 'b']],
    ['/a//b///', '/a/b', ['a', 'b']],
    ['/a/./b/../c', '/a/c', ['a', 'c']],
    ['/a/%2e%2E/b', '/b', ['b']],
    ['/a%2Fb', '/a/b', ['a', 'b']],
    ['/caf%C3%A9', '/café', ['café']],
    ['/with%20space', '/with space', ['with space']],
  ])('%s → %s', (raw, path, segments) => {
    const result = normalisePath(raw);
    expect(result.path).toBe(path);
    expect(result.segments).toEqual(segments);
  });

  it('re-encodes segments for the upstream', () => {
    expect(normalisePath('/a%20b/c%3Fd/user@x').encoded).toBe('/a%20b/c%3Fd/user@x');
  });

  it.each([
    'a/b',
    '/%2525',
    '/%25',
    '/%00',
    '/%zz',
    '/%c3',
    '/a\\b',
    '/a%5Cb',
    '/a;b',
    '/..',
    '/a/../..',
    '/a%0d%0aX: y',
  ])('refuses %s', (raw) => {
    expect(() => normalisePath(raw)).toThrow(expect.objectContaining({ code: 'path_invalid', status: 400 }));
  });
});

describe('splitTarget', () => {
  it('keeps the raw query and parses it to key → all values', () => {
    const target = splitTarget('/x?a=1&b=two%20words&a=3');
    expect(target.rawQuery).toBe('a=1&b=two%20words&a=3');
    expect(target.query).toEqual({ a: ['1', '3'], b: ['two words'] });
  });
});
