import { auditStreamKeys } from '../../services/audit/stream.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startWatched, type WatchedProcess } from '../support/child-process.js';
import { testDataDir } from '../support/data-dir.js';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { dropSchema, onTestDatabase, testPostgresUrl, uniqueSchema } from '../support/postgres.js';
import {
  argvOf,
  COMPOSE_AUDITOR_KEY,
  COMPOSE_EXAMPLE_KEY,
  containerPorts,
  dependenciesOf,
  interpolate,
  readCompose,
  type ComposeService,
} from './compose.js';

/*
 * docker-compose.yml without a container engine: every Portcullis service
 * of the file (those built from docker/Dockerfile) runs as a local process
 * with the file's command and environment. Service names become 127.0.0.1,
 * container ports become free ports, Redis and PostgreSQL are the machine's,
 * mounted files are copied with the same rewriting, and tmpfs mounts are
 * fresh directories. Each service starts once what it depends on passes the
 * health check the file declares for it. Needs dist/ (npm test builds it).
 */

/** Services the machine provides instead of a container. */
function machineServices(): Record<string, { host: string; port: number }> {
  const redis = new URL(testRedisUrl());
  return {
    redis: { host: redis.hostname, port: Number(redis.port || 6379) },
    postgres: { host: '127.0.0.1', port: 5432 },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface LocalPlan {
  /** service → container port → local address. */
  addresses: Map<string, Map<number, string>>;
  /** Services that are not run (profiles): variables pointing at them are left out. */
  absent: Set<string>;
  /** Container path → local path (mounted files, tmpfs). */
  paths: Map<string, string>;
  /** Texts replaced before any other rewriting: the machine's database and a schema of this run. */
  texts: Map<string, string>;
  scratch: string;
}

/** `name:port` of a compose service → its local address; container paths → local paths. */
function rewrite(text: string, plan: LocalPlan): string {
  let out = text;
  for (const [from, to] of plan.texts) out = out.split(from).join(to);
  for (const [service, ports] of plan.addresses) {
    for (const [port, address] of ports) {
      out = out.replace(new RegExp(`(?<![\\w.-])${service}:${port}(?!\\d)`, 'g'), address);
    }
  }
  for (const [from, to] of plan.paths) out = out.split(from).join(to);
  return out.replace(/0\.0\.0\.0/g, '127.0.0.1');
}

/** A service's own `--port N` (or the like) becomes its local port. */
function ownPorts(text: string, service: string, plan: LocalPlan): string {
  const ports = plan.addresses.get(service) ?? new Map<number, string>();
  return text.replace(/--port(\s+|=)(\d+)/g, (whole, gap: string, port: string) => {
    const local = ports.get(Number(port));
    return local ? `--port${gap}${local.split(':')[1]}` : whole;
  });
}

function refersToAbsent(text: string, plan: LocalPlan): boolean {
  return [...plan.absent].some((name) => new RegExp(`//${name}:\\d+`).test(text));
}

/** The command line and environment a service gets locally. */
function localProcess(name: string, service: ComposeService, plan: LocalPlan, prefix: string) {
  const argv = argvOf(service).map((arg, i, all) => {
    const own =
      all[i - 1] === '--port' ? (plan.addresses.get(name)?.get(Number(arg))?.split(':')[1] ?? arg) : arg;
    return ownPorts(rewrite(interpolate(own, process.env), plan), name, plan);
  });
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The test's own settings must not leak into a service the file configures.
    if (!/^(PORTCULLIS_|REDIS_URL|OTEL_)/.test(key)) env[key] = value;
  }
  for (const [key, raw] of Object.entries(service.environment ?? {})) {
    const value = interpolate(String(raw), process.env);
    if (refersToAbsent(value, plan)) continue;
    env[key] = rewrite(value, plan);
  }
  env.PORTCULLIS_REDIS_PREFIX = prefix;
  // The spools and any embedded store in this file's own folder, not `.portcullis/` in the checkout.
  env.PORTCULLIS_DATA_DIR = testDataDir();
  return { argv, env };
}

/** Runs the service's compose health check (CMD form) locally until it passes. */
async function waitHealthy(name: string, service: ComposeService, plan: LocalPlan, run: WatchedProcess) {
  const test = service.healthcheck?.test;
  if (!test || test[0] !== 'CMD') throw new Error(`${name}: no CMD health check to wait on`);
  // The check runs inside the service's container: its own ports are on 127.0.0.1 there.
  const own = [...(plan.addresses.get(name) ?? new Map<number, string>())];
  const argv = test
    .slice(1)
    .map((arg) =>
      own.reduce(
        (text, [port, local]) =>
          text.replace(new RegExp(`(127\\.0\\.0\\.1|localhost):${port}(?!\\d)`, 'g'), local),
        rewrite(arg, plan),
      ),
    );
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null)
      throw new Error(`${name} exited (${run.child.exitCode}):\n${run.output()}`);
    const probe = spawnSync(argv[0] === 'node' ? process.execPath : argv[0], argv.slice(1), {
      encoding: 'utf8',
    });
    if (probe.status === 0) return;
    last = probe.stderr;
    // The file's own interval, shortened: the check is what is waited on.
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} never passed its health check: ${last}\n${run.output()}`);
}

function startOrder(services: Record<string, ComposeService>, run: Set<string>): string[] {
  const order: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (order.includes(name) || !run.has(name)) return;
    if (path.includes(name)) throw new Error(`depends_on cycle: ${[...path, name].join(' → ')}`);
    for (const dep of Object.keys(dependenciesOf(services[name]))) visit(dep, [...path, name]);
    order.push(name);
  };
  for (const name of run) visit(name, []);
  return order;
}

describe('docker-compose.yml as local processes', () => {
  const compose = readCompose();
  const prefix = uniquePrefix('compose');
  const scratch = mkdtempSync(join(tmpdir(), 'pc-compose-'));
  const running = new Map<string, WatchedProcess>();
  let proxyUrl = '';
  let workersUrl = '';
  const auditSchema = uniqueSchema('compose');

  beforeAll(async () => {
    const machine = machineServices();
    const portcullis = Object.entries(compose.services).filter(([, s]) => s.build && !s.profiles);
    const plan: LocalPlan = {
      addresses: new Map(),
      absent: new Set(
        Object.entries(compose.services)
          .filter(([, s]) => s.profiles)
          .map(([n]) => n),
      ),
      paths: new Map(),
      texts: new Map([
        // The compose file's database is the machine's test database, in a schema of this run.
        ['postgres://portcullis:portcullis@postgres:5432/portcullis', testPostgresUrl()],
        ['schema: portcullis_audit', `schema: ${auditSchema}`],
      ]),
      scratch,
    };
    for (const [name, { host, port }] of Object.entries(machine)) {
      for (const containerPort of containerPorts(compose.services[name]))
        plan.addresses.set(name, new Map([[containerPort, `${host}:${port}`]]));
    }
    for (const [name, service] of portcullis) {
      const ports = new Map<number, string>();
      for (const port of containerPorts(service)) ports.set(port, `127.0.0.1:${await freePort()}`);
      plan.addresses.set(name, ports);
    }
    for (const [name, service] of portcullis) {
      for (const dir of service.tmpfs ?? [])
        plan.paths.set(dir, mkdtempSync(join(scratch, `${name}-tmpfs-`)));
      for (const volume of service.volumes ?? []) {
        const [source, target] = volume.split(':');
        if (!source.startsWith('.'))
          throw new Error(`${name}: only files of the checkout are mounted (${volume})`);
        const local = join(scratch, `${name}-${source.replace(/[^\w.]+/g, '_')}`);
        // Mounted files name services too: they get the same rewriting.
        plan.paths.set(target, local);
        writeFileSync(local, rewrite(readFileSync(source, 'utf8'), plan));
      }
    }
    const run = new Set(portcullis.map(([name]) => name));
    for (const name of startOrder(compose.services, run)) {
      const service = compose.services[name];
      for (const [dep, condition] of Object.entries(dependenciesOf(service))) {
        if (!run.has(dep)) continue;
        if (condition === 'service_healthy')
          await waitHealthy(dep, compose.services[dep], plan, running.get(dep)!);
        else expect({ dep, condition }).toEqual({ dep, condition: 'service_started' });
      }
      const { argv, env } = localProcess(name, service, plan, prefix);
      const [command, ...args] = argv;
      running.set(name, startWatched(command === 'node' ? process.execPath : command, args, { env }));
    }
    for (const name of run) await waitHealthy(name, compose.services[name], plan, running.get(name)!);
    proxyUrl = `http://${plan.addresses.get('proxy')!.get(8080)}`;
    workersUrl = `http://${plan.addresses.get('workers')!.get(8282)}`;
  }, 180_000);

  afterAll(async () => {
    // Every service stops on SIGTERM and exits 0, as `docker compose stop` asks.
    const exits: Record<string, number | string> = {};
    for (const [name, run] of [...running].reverse()) {
      if (run.child.exitCode === null) run.child.kill('SIGTERM');
      exits[name] = await run.exited;
    }
    await deleteKeys(prefix);
    await dropSchema(auditSchema);
    rmSync(scratch, { recursive: true, force: true });
    expect(exits).toEqual(Object.fromEntries([...running.keys()].map((name) => [name, 0])));
  }, 60_000);

  it('answers through the proxy with the injected credential, the policy applied and the decision logged', async () => {
    const answer = await fetch(`${proxyUrl}/crm/customers`, {
      headers: { 'x-api-key': COMPOSE_EXAMPLE_KEY, 'x-request-id': 'compose-1' },
    });
    const text = await answer.text();
    expect({ status: answer.status, text }).toEqual({ status: 200, text: expect.any(String) });
    expect(answer.headers.get('x-request-id')).toBe('compose-1');
    const customers = (JSON.parse(text) as { customers: { name: string; email: string; ssn: string }[] })
      .customers;
    expect(customers.map((c) => c.name)).toEqual(['Ada Lovelace', 'Alan Turing']);
    // The gateway policy masks personal data for engineers.
    expect(customers[0].ssn).not.toBe('078-05-1120');
    const decisionId = answer.headers.get('x-portcullis-decision-id')!;
    expect(decisionId).toMatch(/^[0-9a-f-]{36}$/);

    const refused = await fetch(`${proxyUrl}/crm/customers/c1`, {
      method: 'DELETE',
      headers: { 'x-api-key': COMPOSE_EXAMPLE_KEY },
    });
    expect(refused.status).toBe(403);
    const unknown = await fetch(`${proxyUrl}/crm/customers`, { headers: { 'x-api-key': 'pc_not_a_key' } });
    expect(unknown.status).toBe(401);

    // The decision service logged the decision on the audit stream (services/audit/stream.ts).
    const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
    try {
      const logged = await waitForEvent(
        redis,
        auditStreamKeys(prefix).events,
        (event) => event.decision_id === decisionId,
      );
      expect(logged).toMatchObject({
        kind: 'decision_log',
        decision_log: { decision_id: decisionId, path: 'gateway/decision', result: { allow: true } },
      });
    } finally {
      redis.disconnect();
    }
    // The audit trail: the request's event and its decision log reached PostgreSQL through the
    // workers' export (the compose file's audit settings), read back through the workers' audit API.
    const trail = await waitForTrail(
      workersUrl,
      decisionId,
      (events) => events.some((e) => e.kind === 'request') && events.some((e) => e.kind === 'decision_log'),
    );
    expect(trail.find((e) => e.kind === 'request')).toMatchObject({
      decision_id: decisionId,
      connection: 'crm',
      outcome: 'forwarded',
      identity: { sub: 'compose-demo' },
      response: { status: 200 },
    });
    const rows = await onTestDatabase((client) =>
      client.query(`SELECT count(*)::int AS n FROM "${auditSchema}".events WHERE decision_id = $1`, [
        decisionId,
      ]),
    );
    expect(rows.rows[0].n).toBeGreaterThanOrEqual(2);
  }, 180_000);

  it('every service answers readiness and the proxy, decision service and workers serve metrics', async () => {
    for (const name of ['proxy', 'decision', 'workers']) {
      const run = running.get(name)!;
      expect({ name, alive: run.child.exitCode === null }).toEqual({ name, alive: true });
    }
    const metrics = await (await fetch(`${proxyUrl}/metrics`)).text();
    expect(metrics).toContain('portcullis_proxy_decisions_total{connection="crm",result="allow"}');
  });
});

type AuditEvent = Record<string, unknown> & { decision_id?: string };

/** Reads the stream from its start, blocking for new entries, until an event matches (or 60 s pass: a hang guard). */
async function waitForEvent(
  redis: Redis,
  key: string,
  match: (event: AuditEvent) => boolean,
): Promise<AuditEvent> {
  const deadline = Date.now() + 60_000;
  let last = '0-0';
  while (Date.now() < deadline) {
    const answer = await redis.xread('COUNT', 100, 'BLOCK', 1000, 'STREAMS', key, last);
    for (const [, entries] of answer ?? []) {
      for (const [id, fields] of entries) {
        last = id;
        const event = JSON.parse(fields[fields.indexOf('e') + 1]) as AuditEvent;
        if (match(event)) return event;
      }
    }
  }
  throw new Error(`no matching event on ${key}`);
}

/** Asks the workers' audit API for a decision's events until `done` holds (or 60 s pass: a hang guard). */
async function waitForTrail(
  workersUrl: string,
  decisionId: string,
  done: (events: AuditEvent[]) => boolean,
): Promise<AuditEvent[]> {
  const deadline = Date.now() + 60_000;
  let last: unknown;
  while (Date.now() < deadline) {
    const answer = await fetch(`${workersUrl}/v1/audit/events?decision_id=${decisionId}`, {
      headers: { 'x-api-key': COMPOSE_AUDITOR_KEY },
    });
    last = await answer.json();
    expect({ status: answer.status, last }).toEqual({ status: 200, last: expect.anything() });
    const events = (last as { events: AuditEvent[] }).events;
    if (done(events)) return events;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the audit trail never held the decision's events: ${JSON.stringify(last)}`);
}
