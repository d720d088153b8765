import { ConnectionCredential } from '../../../services/proxy/forward/credential.js';

describe('connection credentials', () => {
  const env = 'PC_TEST_CREDENTIAL_UNIT';
  afterEach(() => delete process.env[env]);

  it('builds bearer, basic and named-header forms, with every echoable literal', () => {
    process.env[env] = 'robot:s3cret-pass';
    const basic = new ConnectionCredential({ type: 'basic', value: { env } }, 'c').current();
    const encoded = Buffer.from('robot:s3cret-pass').toString('base64');
    expect(basic).toEqual({
      header: 'authorization',
      value: `Basic ${encoded}`,
      literals: ['robot:s3cret-pass', 's3cret-pass'],
    });
    const bearer = new ConnectionCredential({ type: 'bearer', value: { env } }, 'c').current();
    expect(bearer.value).toBe('Bearer robot:s3cret-pass');
    expect(bearer.literals).toEqual(['robot:s3cret-pass', 'Bearer robot:s3cret-pass']);
    const header = new ConnectionCredential({ type: 'header', header: 'X-Api-Key', value: { env } }, 'c');
    expect(header.header).toBe('x-api-key');
    expect(header.current().value).toBe('robot:s3cret-pass');
  });

  it('reads the environment on every use', () => {
    const credential = new ConnectionCredential({ type: 'bearer', value: { env } }, 'c');
    process.env[env] = 'one-token';
    expect(credential.current().value).toBe('Bearer one-token');
    process.env[env] = 'two-token';
    expect(credential.current().value).toBe('Bearer two-token');
    delete process.env[env];
    expect(() => credential.current()).toThrow(expect.objectContaining({ code: 'credential_unavailable' }));
  });
});
