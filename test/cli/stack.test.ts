import { loadConfig } from '../../services/common/config.js';
import { createLogger } from '../../services/common/logger.js';
import { startStack } from '../../services/cli/stack.js';
import { testDataDir } from '../support/data-dir.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';

describe('startStack (npm start)', () => {
  it('brings up every service on its own port, each answering /health', async () => {
    const prefix = uniquePrefix('stack');
    const config = loadConfig({
      env: {
        REDIS_URL: testRedisUrl(),
        PORTCULLIS_REDIS_PREFIX: prefix,
        PORTCULLIS_DATA_DIR: testDataDir(),
        PORTCULLIS_DECISION_PORT: '0',
        PORTCULLIS_PROXY_PORT: '0',
        PORTCULLIS_WORKERS_PORT: '0',
        PORTCULLIS_DEMO_PORT: '0',
      },
    });
    const stack = await startStack(config, createLogger({ level: 'silent' }));
    try {
      const ports = new Set(stack.services.map((s) => new URL(s.url).port));
      expect(ports.size).toBe(stack.services.length);
      for (const service of stack.services) {
        const res = await fetch(`${service.url}/health`);
        expect({ service: service.name, status: res.status }).toEqual({ service: service.name, status: 200 });
      }
    } finally {
      await stack.close();
      await deleteKeys(prefix);
    }
  });
});
