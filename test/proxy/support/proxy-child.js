// Plain JS: runs in a child process of its own, so a test can tell "the
// request failed" from "the process died". Starts the built proxy
// (dist/, which `npm test` builds first) with the JSON config given as the
// first argument and prints `{"url": ...}` on stdout once it listens. Logs
// go to stderr. SIGTERM closes it cleanly.
import { pino } from 'pino';
import { startProxy } from '../../../dist/services/proxy/index.js';

const config = JSON.parse(process.argv[2]);
const logger = pino({ level: process.env.PORTCULLIS_CHILD_LOG_LEVEL ?? 'warn' }, pino.destination(2));
const proxy = await startProxy(config, { port: 0, host: '127.0.0.1', logger });
process.stdout.write(JSON.stringify({ url: proxy.url }) + '\n');
process.once('SIGTERM', () => {
  proxy.close().then(() => process.exit(0));
});
