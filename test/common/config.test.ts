import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../services/common/config.js';

function writeConfig(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pc-config-'));
  const file = join(dir, 'portcullis.yaml');
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('runs on defaults with no file', () => {
    const config = loadConfig({ env: {} });
    expect(config.decision.port).toBe(8181);
    expect(config.proxy.port).toBe(8080);
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
  });

  it('reads the YAML file and lets the environment override it', () => {
    const file = writeConfig('decision:\n  port: 9000\nproxy:\n  port: 9001\n');
    const config = loadConfig({ env: { PORTCULLIS_CONFIG: file, PORTCULLIS_PROXY_PORT: '9100' } });
    expect(config.decision.port).toBe(9000);
    expect(config.proxy.port).toBe(9100);
  });

  it('names the key, the value and what was expected for a bad value', () => {
    const file = writeConfig('decision:\n  port: "eighty"\n');
    expect(() => loadConfig({ env: { PORTCULLIS_CONFIG: file } })).toThrow(
      /decision\.port.*"eighty".*number/,
    );
  });

  it('rejects unknown keys', () => {
    const file = writeConfig('decisoin:\n  port: 1\n');
    expect(() => loadConfig({ env: { PORTCULLIS_CONFIG: file } })).toThrow(/decisoin/);
  });

  it('rejects a non-integer port from the environment', () => {
    expect(() => loadConfig({ env: { PORTCULLIS_DECISION_PORT: 'x' } })).toThrow(/PORTCULLIS_DECISION_PORT/);
  });
});
