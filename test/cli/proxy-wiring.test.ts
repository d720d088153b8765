import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDecisions, proxyConfigFor } from '../../services/cli/proxy-wiring.js';
import { loadConfig } from '../../services/common/config.js';

describe('npx portcullis proxy: where decisions come from', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-proxy-wiring-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function configFile(yaml: string): string {
    const file = join(dir, `portcullis-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, yaml);
    return file;
  }

  it('asks the decision service by default', () => {
    const proxy = proxyConfigFor(loadConfig({ env: {} }));
    expect(proxy.decisionUrl).toBe('http://127.0.0.1:8181');
    expect(describeDecisions(proxy)).toBe('decisions from http://127.0.0.1:8181');
  });

  it("decides in-process from proxy.decision.bundles, logging to the deployment's Redis", () => {
    const file = configFile(
      [
        'redis: { url: redis://10.0.0.5:6379, prefix: acme }',
        'proxy:',
        '  decision: { bundles: [bundles/gateway.tar.gz], workers: 1 }',
      ].join('\n'),
    );
    const proxy = proxyConfigFor(loadConfig({ file, env: {} }));
    expect(proxy.decisionUrl).toBeUndefined();
    expect(proxy.decision.decisionLogs).toEqual({
      redisUrl: 'redis://10.0.0.5:6379',
      prefix: 'acme',
    });
    expect(describeDecisions(proxy)).toBe('decisions in-process from bundles/gateway.tar.gz');
  });

  it('keeps decision logs the proxy config names itself', () => {
    const file = configFile(
      'proxy:\n  decision:\n    bundles: [b.tar.gz]\n    decisionLogs: { redisUrl: redis://logs:6379 }\n',
    );
    const proxy = proxyConfigFor(loadConfig({ file, env: {} }));
    expect(proxy.decision.decisionLogs).toEqual({
      redisUrl: 'redis://logs:6379',
      prefix: 'portcullis',
    });
  });

  it('refuses a decision URL from the environment next to bundles in the file, naming both', () => {
    const file = configFile('proxy:\n  decision: { bundles: [b.tar.gz] }\n');
    expect(() => loadConfig({ file, env: { PORTCULLIS_DECISION_URL: 'http://d:8181' } })).toThrow(
      /proxy\.decisionUrl = "http:\/\/d:8181": set either decisionUrl .* or decision\.bundles/,
    );
  });
});
