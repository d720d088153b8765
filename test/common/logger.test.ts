import { createLogger, defaultLogFormat } from '../../services/common/logger.js';
import { createServiceApp, listen } from '../../services/common/http.js';
import { loadConfig } from '../../services/common/config.js';
import { logCollector } from '../support/log-lines.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('createLogger', () => {
  it('writes JSON lines with the level by name', () => {
    const out = logCollector();
    const logger = createLogger({ level: 'info', service: 'workers', destination: out.stream });
    logger.warn({ queue: 'q' }, 'slow');
    logger.debug('not shown');
    expect(out.lines).toEqual([
      expect.objectContaining({ level: 'warn', service: 'workers', queue: 'q', msg: 'slow' }),
    ]);
  });

  it('writes pretty lines, one per event, when asked', () => {
    const out = logCollector();
    const logger = createLogger({ level: 'info', format: 'pretty', destination: out.stream });
    logger.info({ req_id: 'r-1', status: 200 }, 'request');
    logger.error('broken');
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/INFO.*request.*"req_id":"r-1".*"status":200/);
    expect(lines[1]).toMatch(/ERROR.*broken/);
    expect(out.lines).toEqual([]);
  });

  it('picks pretty for a terminal and JSON otherwise; log.format and PORTCULLIS_LOG_FORMAT override', () => {
    expect(defaultLogFormat({ isTTY: true })).toBe('pretty');
    expect(defaultLogFormat({ isTTY: false })).toBe('json');
    expect(defaultLogFormat({})).toBe('json');
    expect(loadConfig({ env: {} }).log.format).toBeUndefined();
    expect(loadConfig({ env: { PORTCULLIS_LOG_FORMAT: 'pretty' } }).log.format).toBe('pretty');
    expect(() => loadConfig({ env: { PORTCULLIS_LOG_FORMAT: 'xml' } })).toThrow(/log\.format = "xml"/);
  });
});

describe('request lines of the Express services', () => {
  it('carry req_id, trace_id, method, path (no query), status and duration', async () => {
    const out = logCollector();
    const app = createServiceApp({ service: 't', logger: createLogger({ destination: out.stream }) });
    const server = await listen(app, 0);
    try {
      const traced = await fetch(`${server.url}/health?token=secret`, {
        headers: { 'x-request-id': 'caller-7', traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
      });
      expect(traced.headers.get('x-request-id')).toBe('caller-7');
      const plain = await fetch(`${server.url}/nowhere`, {
        headers: { 'x-request-id': 'bad id with spaces' },
      });
      const minted = plain.headers.get('x-request-id');
      expect(minted).toMatch(/^[0-9a-f-]{36}$/);
      const lines = await out.waitFor((l) => l.msg === 'request', 2);
      expect(lines[0]).toEqual(
        expect.objectContaining({
          level: 'info',
          req_id: 'caller-7',
          trace_id: TRACE_ID,
          method: 'GET',
          path: '/health',
          status: 200,
          duration_ms: expect.any(Number),
        }),
      );
      expect(lines[1]).toEqual(expect.objectContaining({ req_id: minted, path: '/nowhere', status: 404 }));
      expect(lines[1]).not.toHaveProperty('trace_id');
      expect(out.text()).not.toContain('secret');
    } finally {
      await server.close();
    }
  });
});
