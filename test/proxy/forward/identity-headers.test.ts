import { headerValue } from '../../../services/proxy/forward/identity-assertion.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('identity headers', () => {
  it('percent-encodes what would change meaning or be refused in a header', () => {
    expect(headerValue('alice')).toBe('alice');
    expect(headerValue('x,admin')).toBe('x%2Cadmin');
    expect(headerValue('100%')).toBe('100%25');
    expect(headerValue('ädmin\r\nx-admin: 1')).toBe('%C3%A4dmin%0D%0Ax-admin: 1');
    expect(headerValue('文書')).toBe('%E6%96%87%E6%9B%B8');
    expect(headerValue('a\ud800b')).toBe('a%EF%BF%BDb');
    expect(decodeURIComponent(headerValue('grüße, 🔑'))).toBe('grüße, 🔑');
  });

  describe('through the proxy', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({
        configure: (c) => void (c.connections[0].forwardIdentity = { mode: 'headers' }),
      });
    });
    afterAll(async () => h?.close());

    it('a group name with a comma stays one group, and odd claims reach the upstream intact', async () => {
      const token = await h.token({
        sub: 'ädmin\r\nx',
        groups: ['eng', 'x,admin'],
        email: 'a,b@example.com',
      });
      const res = await h.call('/api/x', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const seen = h.upstream.requests[0].headers;
      expect(String(seen['x-portcullis-groups']).split(',').map(decodeURIComponent)).toEqual([
        'eng',
        'x,admin',
      ]);
      expect(decodeURIComponent(String(seen['x-portcullis-subject']))).toBe('ädmin\r\nx');
      expect(decodeURIComponent(String(seen['x-portcullis-email']))).toBe('a,b@example.com');
    });
  });
});
