import { createLogger } from '../../services/common/logger.js';
import { startWorkers } from '../../services/workers/index.js';
import { testRedisUrl } from '../support/redis.js';

const logger = createLogger({ level: 'silent' });

describe('workers service', () => {
  it('reports a reachable Redis on /health and is ready', async () => {
    const running = await startWorkers({
      redisUrl: testRedisUrl(),
      prefix: 'pc-test',
      host: '127.0.0.1',
      port: 0,
      logger,
    });
    try {
      const res = await fetch(`${running.url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ redis: 'ready', prefix: 'pc-test' });
      const ready = await fetch(`${running.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { redis: 'ok' } });
      const metrics = await (await fetch(`${running.url}/metrics`)).text();
      expect(metrics).toContain('portcullis_redis_connected{client="workers"} 1');
      expect(metrics).toContain('# TYPE process_cpu_seconds_total counter');
    } finally {
      await running.close();
    }
  });

  it('stays live but is not ready, with the reason, when Redis does not answer', async () => {
    const running = await startWorkers({
      redisUrl: 'redis://127.0.0.1:1',
      prefix: 'pc-test',
      host: '127.0.0.1',
      port: 0,
      logger,
    });
    try {
      const live = await fetch(`${running.url}/health`);
      expect(live.status).toBe(200);
      expect(((await live.json()) as { redis: string }).redis).not.toBe('ready');
      const res = await fetch(`${running.url}/health/ready`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; checks: { redis: string } };
      expect(body.status).toBe('not ready');
      expect(body.checks.redis).toMatch(/^redis is /);
    } finally {
      await running.close();
    }
  });
});
