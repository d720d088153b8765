import { proxyConfigSchema } from '../../services/proxy/config.js';
import { engineOptions } from '../../services/proxy/decision/embedded.js';

describe('proxyConfigSchema', () => {
  it('accepts an empty object and fills the defaults', () => {
    const config = proxyConfigSchema.parse({});
    expect(config.connections).toEqual([]);
    expect(config.decision.timeoutMs).toBe(2000);
    expect(config.mask.maxResponseBytes).toBe(8 * 1024 * 1024);
    expect(config.identity.apiKeyHeader).toBe('x-api-key');
  });

  it('fills connection defaults: fail closed, the gateway entrypoint', () => {
    const config = proxyConfigSchema.parse({
      connections: [{ name: 'gh', match: { host: 'api.github.test' }, upstream: 'https://api.github.com' }],
    });
    expect(config.connections[0]).toMatchObject({
      failMode: 'closed',
      entrypoint: 'gateway/decision',
      stripPrefix: true,
    });
  });

  it('asks the decision service at the default URL unless bundles are given', () => {
    expect(proxyConfigSchema.parse({}).decisionUrl).toBe('http://127.0.0.1:8181');
    const embedded = proxyConfigSchema.parse({ decision: { bundles: ['b.tar.gz'], workers: 1 } });
    expect(embedded.decisionUrl).toBeUndefined();
    expect(embedded.decision).toMatchObject({ bundles: ['b.tar.gz'], workers: 1, timeoutMs: 2000 });
    expect(
      engineOptions(
        proxyConfigSchema.parse({ decision: { bundles: ['b.tar.gz'], v0Compatible: true } })
          .decision as never,
        { logger: { child: () => ({}) } } as never,
      ).v0Compatible,
    ).toBe(true);
    expect(proxyConfigSchema.parse(embedded)).toEqual(embedded);
  });

  it('names the keys in conflict', () => {
    const result = proxyConfigSchema.safeParse({ decisionUrl: 'http://d', decision: { bundles: ['b'] } });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['decisionUrl'], message: expect.stringMatching(/decision\.bundles/) }),
    ]);
  });

  it.each([
    ['alg none', { identity: { issuers: [{ issuer: 'i', audience: 'a', algorithms: ['none'] }] } }],
    ['an HMAC algorithm', { identity: { issuers: [{ issuer: 'i', audience: 'a', algorithms: ['HS256'] }] } }],
    ['a connection without a route', { connections: [{ name: 'x', upstream: 'http://u' }] }],
    [
      'duplicate connection names',
      {
        connections: [
          { name: 'x', match: { pathPrefix: '/a' }, upstream: 'http://u' },
          { name: 'x', match: { pathPrefix: '/b' }, upstream: 'http://u' },
        ],
      },
    ],
    [
      'both a decision URL and embedded bundles',
      { decisionUrl: 'http://d', decision: { bundles: ['b.tar.gz'] } },
    ],
    ['an empty bundle list', { decision: { bundles: [] } }],
    ['evaluation workers without bundles', { decision: { workers: 2 } }],
    ['decision logs without bundles', { decision: { decisionLogs: { redisUrl: 'redis://r' } } }],
    ['a verification key without bundles', { decision: { verification: { key: 'k' } } }],
    ['Rego v0 sources without bundles', { decision: { v0Compatible: true } }],
    ['an API key stored in clear', { identity: { apiKeys: [{ id: 'k', sha256: 'secret', subject: 's' }] } }],
    [
      'a credential without a source',
      {
        connections: [
          { name: 'x', match: { pathPrefix: '/a' }, upstream: 'http://u', credential: { type: 'bearer' } },
        ],
      },
    ],
    [
      'jwt identity forwarding without a key',
      {
        connections: [
          { name: 'x', match: { pathPrefix: '/a' }, upstream: 'http://u', forwardIdentity: { mode: 'jwt' } },
        ],
      },
    ],
  ])('refuses %s', (_name, config) => {
    expect(proxyConfigSchema.safeParse(config).success).toBe(false);
  });
});
