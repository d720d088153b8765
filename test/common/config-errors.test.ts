import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, loadConfig } from '../../services/common/config.js';
import { editDistance, knownKeysAt, nearestKey } from '../../services/common/config-errors.js';

function configError(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pc-cfg-')), 'portcullis.yaml');
  writeFileSync(file, yaml);
  try {
    loadConfig({ file, env: {} });
  } catch (err) {
    expect((err as { code: string }).code).toBe('config_invalid');
    return (err as Error).message;
  }
  throw new Error('the config was accepted');
}

describe('config error messages', () => {
  it('suggest the nearest known key for an unknown one, at any depth', () => {
    expect(configError('proxy:\n  connection: []\n')).toMatch(
      /portcullis\.yaml: proxy\.connection: unknown key; did you mean proxy\.connections\?$/,
    );
    expect(configError('redis:\n  urll: redis://x\n')).toMatch(
      /redis\.urll: unknown key; did you mean redis\.url\?/,
    );
    const nested = configError(
      'proxy:\n  connections:\n    - name: a\n      match: { pathPrefix: /a }\n      upstream: http://x\n      timeout: { connectMs: 1 }\n',
    );
    expect(nested).toMatch(
      /proxy\.connections\.0\.timeout: unknown key; did you mean proxy\.connections\.0\.timeouts\?/,
    );
  });

  it('list the known keys when no key is close', () => {
    expect(configError('workers:\n  zzzzzz: 1\n')).toMatch(
      /workers\.zzzzzz: unknown key; known keys here: host, port$/,
    );
  });

  it('say which forms credential.value takes', () => {
    const message = configError(
      'proxy:\n  connections:\n    - name: a\n      match: { pathPrefix: /a }\n      upstream: http://x\n' +
        '      credential: { type: bearer, value: s3cret }\n',
    );
    expect(message).toContain(
      'proxy.connections.0.credential.value = "s3cret": expected {env: NAME} (an environment variable) or {file: PATH}',
    );
  });

  it('still name the key, the value and the expectation for other mistakes', () => {
    expect(configError('decision:\n  port: eighty\n')).toMatch(
      /decision\.port = "eighty": Invalid input: expected number/,
    );
  });

  it('find known keys through defaults, arrays and unions; nearest only when it looks like a typo', () => {
    expect(knownKeysAt(configSchema, ['proxy', 'connections', 3, 'timeouts'])).toEqual([
      'connectMs',
      'headersMs',
      'bodyMs',
    ]);
    expect(knownKeysAt(configSchema, ['proxy', 'connections', 0, 'credential'])).toEqual(
      expect.arrayContaining(['type', 'value', 'header']),
    );
    expect(editDistance('Connection', 'connections')).toBe(1);
    expect(nearestKey('prefx', ['url', 'prefix', 'autostart'])).toBe('prefix');
    expect(nearestKey('banana', ['url', 'prefix', 'autostart'])).toBeUndefined();
  });
});
