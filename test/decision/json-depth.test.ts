import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonTooDeep, MAX_JSON_DEPTH, valueTooDeep } from '../../services/common/json-depth.js';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { appBundle } from './e2e/policy.js';
import { cleanup, getJson, postJson, tempDir } from './support.js';

/** JSON nested `depth` levels: arrays around a value, `depth` brackets deep. */
const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('jsonTooDeep', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonTooDeep(nested(4), 4)).toBe(false);
    expect(jsonTooDeep(nested(5), 4)).toBe(true);
    expect(jsonTooDeep(`{"a":"${'['.repeat(50)}","b":[1]}`, 4)).toBe(false);
    expect(jsonTooDeep(`{"a":"\\"[[[[[[","b":[[[[[1]]]]]}`, 4)).toBe(true);
    expect(jsonTooDeep('{"a":{"b":{"c":{"d":{}}}}}', 4)).toBe(true);
    expect(jsonTooDeep('[[],[],[],[],[],[]]', 4)).toBe(false);
  });

  it('agrees with the parsed value', () => {
    for (const depth of [1, 10, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1]) {
      const text = nested(depth);
      expect([depth, jsonTooDeep(text)]).toEqual([depth, valueTooDeep(JSON.parse(text))]);
    }
  });
});

describe('the decision service refuses JSON nested past the limit', () => {
  let dir: string;
  let service: RunningDecisionService;
  beforeAll(async () => {
    dir = await tempDir('depth');
    const file = join(dir, 'bundle.tar.gz');
    await writeFile(file, await appBundle('r1'));
    service = await startDecisionService({ bundles: [file], workers: 1, maxInputBytes: 1 << 20 });
  }, 60_000);
  afterAll(async () => {
    await service?.close();
    await cleanup(dir);
  });

  // The input is an object holding the nested array: one level more than the array.
  const input = (arrayDepth: number) => `{"user":"alice","deep":${nested(arrayDepth)}}`;

  it('evaluates an input at the limit, through the policy', async () => {
    const res = await postJson(`${service.url}/v1/data/app/allow`, `{"input":${input(MAX_JSON_DEPTH - 1)}}`);
    expect(res.status).toBe(200);
    expect(res.body.result).toBe(true);
  });

  it.each([
    ['POST /v1/data', 'POST', '/v1/data/app/allow', (d: number) => `{"input":${input(d)}}`],
    ['POST /v0/data', 'POST', '/v0/data/app/allow', input],
    ['POST /', 'POST', '/', input],
    ['GET /v1/data?input=', 'GET', '/v1/data/app/allow?input=', input],
  ])('%s: 400 json_too_deep one level past it, and far past it', async (_name, method, path, body) => {
    for (const depth of [MAX_JSON_DEPTH, 100_000]) {
      const text = body(depth);
      const res =
        method === 'GET'
          ? await getJson(service.url + path + encodeURIComponent(text))
          : await postJson(service.url + path, text);
      if (method === 'GET' && depth > 1000) {
        // Node refuses a request line this long before the service sees it.
        expect(res.status).toBe(431);
        continue;
      }
      expect([depth, res.status, res.body.code]).toEqual([depth, 400, 'json_too_deep']);
    }
    expect((await getJson(`${service.url}/health`)).status).toBe(200);
  });
});
