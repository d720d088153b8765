import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/** The parts of a compose service the tests read. */
export interface ComposeService {
  build?: { context: string; dockerfile: string };
  image?: string;
  entrypoint?: string[];
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  tmpfs?: string[];
  expose?: string[];
  ports?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

export function readCompose(path = 'docker-compose.yml'): ComposeFile {
  return parseYaml(readFileSync(path, 'utf8')) as ComposeFile;
}

/** The example key docker/portcullis.yaml accepts (README and the compose file say so). */
export const COMPOSE_EXAMPLE_KEY = 'pc_compose_example_do_not_use_in_production';
/** The example auditor key of docker/portcullis.yaml (reads the audit trail). */
export const COMPOSE_AUDITOR_KEY = 'pc_compose_auditor_example_do_not_use_in_production';

/** The image's entrypoint (docker/Dockerfile), used when a service sets none. */
export const IMAGE_ENTRYPOINT = ['node', 'bin/portcullis.js'];

/** The service's whole argument list, as the container runs it. */
export function argvOf(service: ComposeService): string[] {
  return [...(service.entrypoint ?? IMAGE_ENTRYPOINT), ...(service.command ?? [])];
}

/** The Portcullis commands a service runs: the CLI's first argument, or each `node bin/portcullis.js <cmd>` of a shell line. */
export function portcullisCommands(service: ComposeService): string[] {
  const argv = argvOf(service);
  if (argv[0] === 'node' && argv[1] === 'bin/portcullis.js') return [argv[2]];
  const shell = argv.join(' ');
  return [...shell.matchAll(/node bin\/portcullis\.js (\S+)/g)].map((m) => m[1]);
}

/** The ports a service listens on inside its container (`expose` and the container side of `ports`). */
export function containerPorts(service: ComposeService): number[] {
  const fromPorts = (service.ports ?? []).map((p) => Number(String(p).split(':').pop()));
  return [...new Set([...(service.expose ?? []).map(Number), ...fromPorts])];
}

/** Services and the condition each waits for. */
export function dependenciesOf(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d.condition]));
}

/** `${NAME:-default}` and `${NAME}` as compose interpolates them from `env`. */
export function interpolate(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (_m, name: string, fallback?: string) => {
      const value = env[name];
      return value !== undefined && value !== '' ? value : (fallback ?? '');
    },
  );
}
