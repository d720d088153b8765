import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBundle } from '../../services/bundle/index.js';
import { MAX_BODY_DEPTH } from '../../services/common/json-depth.js';
import { compileRego } from '../../services/compiler/index.js';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { cleanup, tempDir } from '../decision/support.js';
import { startHarness, type Harness } from './support/harness.js';

const nested = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth);
const json = { 'content-type': 'application/json' };

describe('JSON nested past the documented depth', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('a request body is 400 json_too_deep before the policy, on every connection', async () => {
    h = await startHarness({ configure: (c) => void (c.connections[0].failMode = 'open') });
    const ok = await h.call('/api/x', { method: 'POST', headers: json, body: nested(MAX_BODY_DEPTH) });
    expect(ok.status).toBe(200);
    expect(h.decisions.calls[0].input.request.body_status).toBe('parsed');
    for (const depth of [MAX_BODY_DEPTH + 1, 20_000]) {
      const res = await h.call('/api/x', { method: 'POST', headers: json, body: nested(depth) });
      expect([depth, res.status, res.json().error]).toEqual([depth, 400, 'json_too_deep']);
    }
    expect(h.decisions.calls).toHaveLength(1);
    expect(h.upstream.requests).toHaveLength(1);
  });

  it('a response to mask or inspect is 502 response_not_maskable; a streamed one passes as it is', async () => {
    h = await startHarness({
      decide: (input) => ({
        allow: true,
        mask: input.request.path === '/m' ? { fields: ['**.ssn'] } : null,
        inspect_response: input.phase === 'request' && input.request.path === '/i',
      }),
    });
    const deep = nested(MAX_BODY_DEPTH + 1);
    h.upstream.reply = () => ({ headers: json, body: deep });
    for (const path of ['/api/m', '/api/i']) {
      const res = await h.call(path);
      expect([path, res.status, res.json().error]).toEqual([path, 502, 'response_not_maskable']);
    }
    const streamed = await h.call('/api/s');
    expect([streamed.status, streamed.text]).toEqual([200, deep]);
  });
});

describe('a body at the limit fits the decision service limit inside the input', () => {
  let dir: string;
  let service: RunningDecisionService;
  let h: Harness;
  beforeAll(async () => {
    dir = await tempDir('proxy-depth');
    const rego =
      'package gw\n\ndecision := {"allow": true, "reasons": [sprintf("%d", [count(input.request.body)])]}\n';
    const { wasm } = compileRego([{ file: 'gw.rego', source: rego }], { entrypoints: ['gw/decision'] });
    const bundle = await writeBundle({
      manifest: {
        revision: 'd1',
        roots: ['gw'],
        wasm: [{ entrypoint: 'gw/decision', module: '/policy.wasm' }],
      },
      data: {},
      rego: [{ path: '/gw.rego', text: rego }],
      wasm: [{ path: '/policy.wasm', bytes: wasm }],
    });
    const file = join(dir, 'gw.tar.gz');
    await writeFile(file, bundle);
    service = await startDecisionService({ bundles: [file], workers: 1 });
    h = await startHarness({
      configure: (c) => {
        c.decisionUrl = service.url;
        c.connections[0].entrypoint = 'gw/decision';
      },
    });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await service?.close();
    await cleanup(dir);
  });

  it('evaluates it', async () => {
    const res = await h.call('/api/x', { method: 'POST', headers: json, body: nested(MAX_BODY_DEPTH) });
    expect(res.status).toBe(200);
    expect(h.upstream.requests).toHaveLength(1);
  });
});
