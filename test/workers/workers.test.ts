import { createLogger } from '../../services/common/logger.js';
import { startWorkers } from '../../services/workers/index.js';
import { testRedisUrl } from '../support/redis.js';

const logger = createLogger({ level: 'silent' });

describe('workers service', () => {
  it('reports a reachable Redis on /health', async () => {
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
    } finally {
      await running.close();
    }
  });

  it('reports 500 with the reason when Redis does not answer', async () => {
    const running = await startWorkers({
      redisUrl: 'redis://127.0.0.1:1',
      prefix: 'pc-test',
      host: '127.0.0.1',
      port: 0,
      logger,
    });
    try {
      const res = await fetch(`${running.url}/health`);
      expect(res.status).toBe(500);
      expect(((await res.json()) as { error: string }).error).toMatch(/redis is/);
    } finally {
      await running.close();
    }
  });
});
