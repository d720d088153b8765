import { createLogger } from '../../services/common/logger.js';
import { startDecisionService, type RunningDecisionService } from '../../services/decision/index.js';
import { logCollector } from '../support/log-lines.js';
import { cleanup, getJson, postJson, tempDir, writeFiles } from './support.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('decision service request lines', () => {
  let dir: string;
  let service: RunningDecisionService;
  const out = logCollector();

  beforeAll(async () => {
    dir = await tempDir('reqlog');
    await writeFiles(dir, {
      '.manifest': { revision: 'r1', roots: ['acme'] },
      'acme/data.json': { on: true },
    });
    service = await startDecisionService({
      bundles: [dir],
      maxInputBytes: 64,
      workers: 1,
      logger: createLogger({ destination: out.stream, service: 'decision' }),
    });
  });
  afterAll(async () => {
    await service.close();
    await cleanup(dir);
  });

  it('logs every request, refused ones included, with req_id, trace_id, method, path, status, duration', async () => {
    const ok = await postJson(
      `${service.url}/v1/data/acme/on?pretty`,
      { input: {} },
      {
        'x-request-id': 'from-proxy-1',
        traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
      },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toBe('from-proxy-1');
    const malformed = await postJson(`${service.url}/v1/data/acme`, '{"input": ');
    expect(malformed.status).toBe(400);
    const tooLarge = await postJson(`${service.url}/v1/data/acme`, { input: 'x'.repeat(100) });
    expect(tooLarge.status).toBe(413);
    const unknown = await getJson(`${service.url}/v2/nothing`);
    expect(unknown.status).toBe(404);
    const lines = await out.waitFor((l) => l.msg === 'request', 4);
    expect(lines[0]).toEqual(
      expect.objectContaining({
        level: 'info',
        service: 'decision',
        req_id: 'from-proxy-1',
        trace_id: TRACE_ID,
        method: 'POST',
        path: '/v1/data/acme/on',
        status: 200,
        duration_ms: expect.any(Number),
      }),
    );
    expect(lines.slice(1).map((l) => [l.method, l.path, l.status])).toEqual([
      ['POST', '/v1/data/acme', 400],
      ['POST', '/v1/data/acme', 413],
      ['GET', '/v2/nothing', 404],
    ]);
    expect(lines[1].req_id).toBe(malformed.headers.get('x-request-id'));
    expect(lines[1].req_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
