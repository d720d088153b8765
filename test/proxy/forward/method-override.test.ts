import { isMethodOverrideName, methodOverrideIn } from '../../../services/proxy/forward/method-override.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('_method overrides', () => {
  it.each(['_method', '_METHOD', '.method', ' method', '_method[]', '_method[x]'])(
    '%s is an override name',
    (name) => {
      expect(isMethodOverrideName(name)).toBe(true);
    },
  );

  it.each(['method', '__method', '_methods', 'x_method', '_method_'])('%s is not', (name) => {
    expect(isMethodOverrideName(name)).toBe(false);
  });

  it('is found in the query, form, multipart and JSON bodies', () => {
    const none = Buffer.alloc(0);
    expect(methodOverrideIn({ _method: ['DELETE'] }, undefined, none)).toMatch(/query/);
    const form = Buffer.from('a=1&_method=DELETE');
    expect(methodOverrideIn({}, 'application/x-www-form-urlencoded; charset=utf-8', form)).toMatch(/form/);
    const multipart = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="_method"\r\n\r\nDELETE\r\n--b--\r\n',
    );
    expect(methodOverrideIn({}, 'multipart/form-data; boundary=b', multipart)).toMatch(/multipart/);
    expect(methodOverrideIn({}, 'application/json', Buffer.from('{"_method":"DELETE"}'))).toMatch(/JSON/);
    expect(methodOverrideIn({}, 'application/json', Buffer.from('{"a":{"_method":"x"}}'))).toBeUndefined();
    expect(methodOverrideIn({}, 'text/plain', Buffer.from('_method=DELETE'))).toBeUndefined();
  });
});

describe('_method through the proxy', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it.each([
    ['the query', '/api/items/1?_method=DELETE', {}, ''],
    ['a PHP-style name in the query', '/api/items/1?.method=DELETE', {}, ''],
    [
      'a form body',
      '/api/items/1',
      { 'content-type': 'application/x-www-form-urlencoded' },
      '_method=DELETE',
    ],
    ['a JSON body', '/api/items/1', { 'content-type': 'application/json' }, '{"_method":"DELETE"}'],
  ])('in %s is refused before the policy, on a POST', async (_name, path, headers, body) => {
    h = await startHarness();
    const res = await h.call(path, { method: 'POST', headers, body });
    expect(res.status).toBe(400);
    expect(res.json().error).toBe('method_override_refused');
    expect(h.decisions.calls).toHaveLength(0);
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('passes as data where the connection says the upstream ignores it', async () => {
    h = await startHarness({ configure: (c) => void (c.connections[0].methodOverride = 'ignore') });
    const res = await h.call('/api/items/1?_method=DELETE', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(h.decisions.calls[0].input.request.method).toBe('POST');
    expect(h.upstream.requests[0]).toMatchObject({ method: 'POST', url: '/items/1?_method=DELETE' });
  });
});
