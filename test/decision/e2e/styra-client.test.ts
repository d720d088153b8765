import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OPAClient } from '@styra/opa';
import { startDecisionService, type RunningDecisionService } from '../../../services/decision/index.js';
import { cleanup, tempDir } from '../support.js';
import { appBundle } from './policy.js';

/* Compatibility proof: the official @styra/opa client, unchanged, against the decision service. */

let dir: string;
let service: RunningDecisionService;
let client: OPAClient;

beforeAll(async () => {
  dir = await tempDir('styra');
  const file = join(dir, 'bundle.tar.gz');
  await writeFile(file, await appBundle('c1'));
  service = await startDecisionService({ bundles: [file], workers: 1 });
  client = new OPAClient(service.url);
}, 60_000);

afterAll(async () => {
  await service.close();
  await cleanup(dir);
});

describe('@styra/opa OPAClient', () => {
  test('evaluate with input', async () => {
    expect(await client.evaluate('app/allow', { user: 'alice' })).toBe(true);
    expect(await client.evaluate('app/reasons', { user: 'bob' })).toEqual(['not alice']);
  });

  test('evaluate without input reads a document', async () => {
    expect(await client.evaluate('app/meta')).toEqual({ rev: 'c1' });
  });

  test('evaluate with fromResult', async () => {
    const allowed = await client.evaluate<{ user: string }, string>(
      'app/allow',
      { user: 'alice' },
      {
        fromResult: (r) => (r ? 'yes' : 'no'),
      },
    );
    expect(allowed).toBe('yes');
  });

  test('evaluateDefault answers system/main', async () => {
    expect(await client.evaluateDefault({ user: 'alice' })).toEqual({ allowed: true });
  });

  test('an undefined result comes back as undefined, as from OPA', async () => {
    await expect(client.evaluate('app/allow', { user: 'bob' })).resolves.toBeUndefined();
  });

  test('an evaluation error surfaces with its code', async () => {
    const err = await client.evaluate('app/conflict', { a: true, b: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'evaluation_error' });
    expect((err as Error).message).toContain('var assignment conflict');
  });

  test('evaluateBatch falls back to single evaluations (no batch API, as in open-source OPA)', async () => {
    const results = await client.evaluateBatch(
      'app/allow',
      { a: { user: 'alice' }, b: { user: 'alice' } },
      { fallback: true },
    );
    expect(results).toEqual({ a: true, b: true });
  });
});
