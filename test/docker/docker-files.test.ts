import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../../services/cli/main.js';
import { ENV_OVERRIDE_NAMES, loadConfig } from '../../services/common/config.js';
import { DEMO_UPSTREAM_TOKEN_ENV } from '../../services/demo/upstream.js';
// @ts-expect-error: plain JavaScript beside the image's services, without type declarations
import { probeFor } from '../../docker/healthcheck.mjs';
import {
  argvOf,
  COMPOSE_AUDITOR_KEY,
  COMPOSE_EXAMPLE_KEY,
  portcullisCommands,
  readCompose,
} from './compose.js';

/** Secrets docker/portcullis.yaml takes from the environment (`{ env: NAME }`). */
const CONFIG_SECRETS = [
  ...readFileSync('docker/portcullis.yaml', 'utf8').matchAll(/\{ env: ([A-Z0-9_]+) \}/g),
].map((m) => m[1]);

/** Variables the services read: config overrides, the config path, the demo credential, the file's secrets. */
const ENV_KEYS = new Set([
  ...ENV_OVERRIDE_NAMES,
  'PORTCULLIS_CONFIG',
  DEMO_UPSTREAM_TOKEN_ENV,
  ...CONFIG_SECRETS,
]);

function sourceText(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) =>
      statSync(path).isDirectory()
        ? sourceText(path)
        : path.endsWith('.ts')
          ? readFileSync(path, 'utf8')
          : '',
    )
    .join('\n');
}

/** No Docker engine runs here, so the files are checked against the tree and the CLI instead. */
describe('docker files', () => {
  let commands: Set<string>;
  beforeAll(async () => {
    commands = new Set((await buildProgram()).commands.map((c) => c.name()));
  });

  it('compose services run commands the CLI has, with env it reads and files that exist', () => {
    const compose = readCompose();
    const built = Object.entries(compose.services).filter(([, s]) => s.build);
    expect(built.map(([name]) => name).sort()).toEqual(['bundles', 'decision', 'demo', 'proxy', 'workers']);
    for (const [name, service] of built) {
      expect({ name, dockerfile: existsSync(service.build!.dockerfile) }).toEqual({ name, dockerfile: true });
      const run = portcullisCommands(service);
      expect(run.length).toBeGreaterThan(0);
      for (const command of run)
        expect({ name, command, known: commands.has(command) }).toEqual({ name, command, known: true });
      for (const key of Object.keys(service.environment ?? {}))
        expect({ name, key, read: ENV_KEYS.has(key) }).toEqual({ name, key, read: true });
      for (const volume of service.volumes ?? []) {
        const [source] = volume.split(':');
        if (source.startsWith('.'))
          expect({ name, source, exists: existsSync(source) }).toEqual({ name, source, exists: true });
      }
      expect({ name, healthcheck: service.healthcheck?.test.slice(0, 3) }).toEqual({
        name,
        healthcheck: ['CMD', 'node', 'docker/healthcheck.mjs'],
      });
    }
    // The bundle server builds policies/ itself: nothing git ignores is mounted.
    expect(argvOf(compose.services.bundles).join(' ')).toMatch(
      /portcullis\.js build policies .*serve-bundles/,
    );
    expect(JSON.stringify(compose)).not.toContain('./bundles');
  });

  it('the Dockerfile builds in one stage and runs, as a non-root user with a health check, in another', () => {
    const dockerfile = readFileSync('docker/Dockerfile', 'utf8');
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources)
      expect({ source, exists: existsSync(source) }).toEqual({ source, exists: true });
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/npm ci .*&& npm prune --omit=dev/);
    expect(stages[1]).toMatch(/^USER (?!root)\w+$/m);
    expect(stages[1]).toMatch(/^HEALTHCHECK .*CMD \["node", "docker\/healthcheck\.mjs"\]$/m);
    expect(stages[1]).toContain('runtime/build/runtime.wasm');
    expect(stages[1]).not.toMatch(/^RUN npm/m);
    expect(dockerfile).toMatch(/ENTRYPOINT \["node", "bin\/portcullis\.js"\]/);
  });

  it('docker/portcullis.yaml is a valid configuration that accepts the documented example key', () => {
    const config = loadConfig({ file: 'docker/portcullis.yaml', env: {} });
    const key = config.proxy.identity.apiKeys.find((k) => k.id === 'compose-example');
    expect(key?.sha256).toBe(createHash('sha256').update(COMPOSE_EXAMPLE_KEY).digest('hex'));
    const auditor = config.proxy.identity.apiKeys.find((k) => k.id === 'compose-auditor');
    expect(auditor).toMatchObject({
      sha256: createHash('sha256').update(COMPOSE_AUDITOR_KEY).digest('hex'),
      groups: [config.audit.api.auditorGroup],
    });
    expect(readFileSync('docs/OPERATIONS.md', 'utf8')).toContain(COMPOSE_AUDITOR_KEY);
    expect(config.proxy.connections.map((c) => c.name)).toEqual(['crm']);
    for (const file of ['README.md', 'docker-compose.yml', 'docs/OPERATIONS.md'])
      expect({ file, documented: readFileSync(file, 'utf8').includes(COMPOSE_EXAMPLE_KEY) }).toEqual({
        file,
        documented: true,
      });
  });

  it('the health check finds the service and port PID 1 runs', () => {
    const node = ['node', 'bin/portcullis.js'];
    expect(probeFor([...node, 'decision', '--port', '9181', '--bundle', 'x'], {})).toEqual({
      url: 'http://127.0.0.1:9181/health/ready',
      anyAnswer: false,
    });
    expect(probeFor([...node, 'proxy'], { PORTCULLIS_PROXY_PORT: '9090' }).url).toBe(
      'http://127.0.0.1:9090/health/ready',
    );
    expect(probeFor([...node, 'workers', '-p', '1234'], {}).url).toBe('http://127.0.0.1:1234/health/ready');
    expect(probeFor([...node, 'serve-bundles', '/b'], {})).toEqual({
      url: 'http://127.0.0.1:8484/',
      anyAnswer: true,
    });
    expect(probeFor([...node, 'start', '--proxy-port', '7000'], {}).url).toBe(
      'http://127.0.0.1:7000/health/ready',
    );
    expect(probeFor(['redis-server'], {})).toBeUndefined();
  });

  it('the Grafana dashboard is provisioned by the compose stack and only charts metrics the services declare', () => {
    const compose = readCompose();
    const mounts = compose.services.grafana.volumes ?? [];
    expect(mounts).toEqual(
      expect.arrayContaining([
        './docker/grafana/provisioning:/etc/grafana/provisioning:ro',
        './docker/grafana/dashboards:/var/lib/grafana/dashboards:ro',
      ]),
    );
    expect(readFileSync('docker/grafana/provisioning/dashboards/portcullis.yaml', 'utf8')).toContain(
      'path: /var/lib/grafana/dashboards',
    );
    const dashboard = JSON.parse(readFileSync('docker/grafana/dashboards/portcullis.json', 'utf8')) as {
      uid: string;
      panels: { type: string; targets?: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(15);
    const declared = sourceText('services');
    const used = new Set(exprs.flatMap((e) => [...e.matchAll(/\bportcullis_[a-z0-9_]+/g)].map((m) => m[0])));
    const base = (name: string) => name.replace(/_(bucket|count|sum)$/, '');
    for (const name of used)
      expect({ name, declared: declared.includes(`'${base(name)}'`) }).toEqual({ name, declared: true });
    const prometheus = readFileSync('docker/prometheus.yml', 'utf8');
    for (const target of ['proxy:8080', 'decision:8181', 'workers:8282'])
      expect(prometheus).toContain(target);
  });

  it('docker-compose config validates the file (Debian docker-compose; .ci/run installs it)', () => {
    const probe = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
    if (probe.error) {
      if (process.env.PORTCULLIS_REQUIRE_DOCKER_COMPOSE)
        throw new Error('docker-compose is not installed: .ci/run installs it');
      console.warn(
        '\n!!! SKIPPED: docker-compose is not installed here, so docker-compose.yml was NOT validated.\n' +
          '!!! Install it (apt-get install docker-compose) to run this check; CI (.ci/run) always does.\n',
      );
      return;
    }
    for (const profiles of [[], ['--profile', 'tracing', '--profile', 'metrics']]) {
      const run = spawnSync('docker-compose', [...profiles, '-f', 'docker-compose.yml', 'config', '-q'], {
        encoding: 'utf8',
      });
      expect({ profiles, code: run.status, stderr: run.stderr }).toEqual({ profiles, code: 0, stderr: '' });
    }
  });
});
