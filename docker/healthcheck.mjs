/* global AbortSignal */
// The image's HEALTHCHECK: asks the service running as PID 1 for its readiness.
//   node docker/healthcheck.mjs                  the service and port read from PID 1's command and environment
//   node docker/healthcheck.mjs http://host:port/health/ready
// Exit 0 when the service answers 2xx (the bundle server: any answer below 500), 1 otherwise.
// Plain JavaScript with no imports from the package: it runs beside the service, not inside it.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Each service command's default port, the variable that overrides it, and what to ask. */
const SERVICES = {
  proxy: { port: 8080, env: 'PORTCULLIS_PROXY_PORT', path: '/health/ready' },
  decision: { port: 8181, env: 'PORTCULLIS_DECISION_PORT', path: '/health/ready' },
  workers: { port: 8282, env: 'PORTCULLIS_WORKERS_PORT', path: '/health/ready' },
  'demo-upstream': { port: 8383, env: 'PORTCULLIS_DEMO_PORT', path: '/health/ready' },
  'serve-bundles': { port: 8484, env: undefined, path: '/' },
  start: { port: 8080, env: 'PORTCULLIS_PROXY_PORT', path: '/health/ready' },
};

/** The URL to probe for a `portcullis <command> ...` argument list and its environment. */
export function probeFor(args, env) {
  const at = args.findIndex((a) => a.endsWith('portcullis.js') || a === 'portcullis');
  const rest = at >= 0 ? args.slice(at + 1) : args;
  const command = rest.find((a) => !a.startsWith('-'));
  const service = SERVICES[command];
  if (!service) return undefined;
  const flag = command === 'start' ? '--proxy-port' : '--port';
  const given = rest.findIndex((a) => a === flag || (flag === '--port' && a === '-p'));
  const fromFlag = given >= 0 ? rest[given + 1] : undefined;
  const port = Number(fromFlag ?? (service.env && env[service.env]) ?? service.port);
  return { url: `http://127.0.0.1:${port}${service.path}`, anyAnswer: command === 'serve-bundles' };
}

function pid1() {
  const args = readFileSync('/proc/1/cmdline', 'utf8').split('\0').filter(Boolean);
  let env = {};
  try {
    env = Object.fromEntries(
      readFileSync('/proc/1/environ', 'utf8')
        .split('\0')
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
  } catch {
    // Another user's process: the defaults and flags still apply.
  }
  return { args, env };
}

async function main() {
  const given = process.argv[2];
  let probe;
  if (given) probe = { url: given, anyAnswer: false };
  else {
    const { args, env } = pid1();
    probe = probeFor(args, env);
    if (!probe) {
      process.stderr.write(`healthcheck: PID 1 runs no Portcullis service (${args.join(' ')})\n`);
      process.exit(1);
    }
  }
  try {
    const res = await fetch(probe.url, { signal: AbortSignal.timeout(2500) });
    const body = await res.text();
    const healthy = probe.anyAnswer ? res.status < 500 : res.ok;
    if (!healthy)
      process.stderr.write(`healthcheck: ${probe.url} answered ${res.status} ${body.slice(0, 300)}\n`);
    process.exit(healthy ? 0 : 1);
  } catch (err) {
    process.stderr.write(`healthcheck: ${probe.url}: ${err.message}\n`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
