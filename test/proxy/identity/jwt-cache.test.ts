import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { proxyConfigSchema } from '../../../services/proxy/config.js';
import { JwtVerifier } from '../../../services/proxy/identity/jwt.js';

const ISSUER = 'https://cache.test';

async function staticIssuer() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const config = proxyConfigSchema.parse({
    identity: {
      issuers: [
        {
          issuer: ISSUER,
          audience: 'portcullis',
          algorithms: ['ES256'],
          publicKeys: [{ pem: await exportSPKI(publicKey), algorithm: 'ES256' }],
          clockSkewSeconds: 0,
        },
      ],
    },
  });
  return { issuers: config.identity.issuers, privateKey };
}

function sign(privateKey: CryptoKey, sub: string, exp: string | number = '1h'): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(ISSUER)
    .setAudience('portcullis')
    .setSubject(sub)
    .setExpirationTime(exp)
    .sign(privateKey);
}

describe('JwtVerifier token cache', () => {
  it('answers a repeated token from the cache (the same identity object)', async () => {
    const { issuers, privateKey } = await staticIssuer();
    const verifier = new JwtVerifier(issuers);
    const token = await sign(privateKey, 'alice');
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first);
    expect(verifier.cachedTokens).toBe(1);
  });

  it('keeps at most maxCachedTokens, dropping the least recently used', async () => {
    const { issuers, privateKey } = await staticIssuer();
    const verifier = new JwtVerifier(issuers, { maxCachedTokens: 2 });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((sub) => sign(privateKey, sub)));
    const identityA = await verifier.verify(a);
    const identityB = await verifier.verify(b);
    expect(await verifier.verify(a)).toBe(identityA);
    await verifier.verify(c);
    expect(verifier.cachedTokens).toBe(2);
    expect(await verifier.verify(a)).toBe(identityA);
    const again = await verifier.verify(b);
    expect(again).not.toBe(identityB);
    expect(again).toEqual(identityB);
    expect(verifier.cachedTokens).toBe(2);
  });

  it('caches nothing when maxCachedTokens is 0', async () => {
    const { issuers, privateKey } = await staticIssuer();
    const verifier = new JwtVerifier(issuers, { maxCachedTokens: 0 });
    const token = await sign(privateKey, 'alice');
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).not.toBe(first);
    expect(verifier.cachedTokens).toBe(0);
  });

  it('never caches a refused token', async () => {
    const { issuers, privateKey } = await staticIssuer();
    const verifier = new JwtVerifier(issuers);
    const expired = await sign(privateKey, 'alice', Math.floor(Date.now() / 1000) - 10);
    await expect(verifier.verify(expired)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(verifier.verify(expired)).rejects.toMatchObject({ message: 'token expired' });
    expect(verifier.cachedTokens).toBe(0);
  });
});
