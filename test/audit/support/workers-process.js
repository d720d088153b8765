// Plain JS: the built workers (dist/, which `npm test` builds first) in a
// process of their own, so a fault test can SIGKILL them mid-batch. Takes
// the startWorkers options as JSON (first argument), prints `{"url": ...}`
// once listening; logs go to stderr. SIGTERM closes them cleanly.
import { createLogger } from '../../../dist/services/common/logger.js';
import { startWorkers } from '../../../dist/services/workers/index.js';

const options = JSON.parse(process.argv[2]);
const logger = createLogger({
  level: process.env.PORTCULLIS_CHILD_LOG_LEVEL ?? 'warn',
  destination: process.stderr,
});
const running = await startWorkers({ ...options, host: '127.0.0.1', port: 0, logger });
process.stdout.write(JSON.stringify({ url: running.url }) + '\n');
process.once('SIGTERM', () => {
  running.close().then(() => process.exit(0));
});
