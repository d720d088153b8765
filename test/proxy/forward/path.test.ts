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
    // Unicode a server may normalise to ASCII (NFKC, case mapping, best-fit code pages)
    '/%EF%BC%8E%EF%BC%8E/%EF%BD%81dmin',
    '/%EF%BC%8F..%EF%BC%8Fadmin',
    '/adm%C4%B1n',
    '/%C5%BFecret',
    '/%E2%84%AAey',
    '/stra%C3%9Fe',
    '/%EF%AC%81le',
    '/cafe%CC%81',
    '/a%E2%88%95b',
    '/a%E2%81%84b',
    '/a%C2%A5b',
    '/a%E2%82%A9b',
    '/a%E3%80%82b',
    '/ad%E2%80%8Bmin',
    '/ad%C2%ADmin',
    '/%EF%BB%BFadmin',
    '/admin%E2%80%AE',
    '/a%C2%A0b',
    '/a%EE%80%80b',
    // Overlong UTF-8 and encoded surrogates
    '/%C0%AE%C0%AE/admin',
    '/%E0%80%AE',
    '/%ED%A0%80',
    // Windows file systems: trailing dot or space, streams, 8.3 names
    '/admin.',
    '/admin%20',
    '/admin/...',
    '/admin::$DATA',
    '/ADMINI~1',
    '/web~1.con',
  ])('refuses %s', (raw) => {
    expect(() => normalisePath(raw)).toThrow(expect.objectContaining({ code: 'path_invalid', status: 400 }));
  });
});

describe('Unicode paths that stay unambiguous', () => {
  it.each([
    ['/caf%C3%A9', '/café'],
    ['/%D0%BF%D1%83%D1%82%D1%8C', '/путь'],
    ['/%E6%96%87%E6%9B%B8/a.b', '/文書/a.b'],
    ['/~user/v1.2/x~y', '/~user/v1.2/x~y'],
  ])('%s → %s', (raw, path) => {
    expect(normalisePath(raw).path).toBe(path);
    expect(normalisePath(normalisePath(raw).encoded).path).toBe(path);
  });
});

describe('splitTarget', () => {
  it('keeps the raw query and parses it to key → all values', () => {
    const target = splitTarget('/x?a=1&b=two%20words&a=3');
    expect(target.rawQuery).toBe('a=1&b=two%20words&a=3');
    expect(target.query).toEqual({ a: ['1', '3'], b: ['two words'] });
  });

  it.each(['/x?a=%zz', '/x?a=100%', '/x?a=%C0%AE', '/x?a=%ED%A0%80', '/x?%E2=1'])(
    'refuses %s: the upstream could decode it otherwise',
    (target) => {
      expect(() => splitTarget(target)).toThrow(expect.objectContaining({ code: 'path_invalid' }));
    },
  );
});
