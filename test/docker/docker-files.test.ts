import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { buildProgram } from '../../services/cli/main.js';
import { ENV_OVERRIDE_NAMES } from '../../services/common/config.js';

const ENV_KEYS = new Set([...ENV_OVERRIDE_NAMES, 'PORTCULLIS_CONFIG']);

/** No Docker engine runs here, so the files are checked against the tree and the CLI instead. */
describe('docker files', () => {
  let commands: Set<string>;
  beforeAll(async () => {
    commands = new Set((await buildProgram()).commands.map((c) => c.name()));
  });

  it('compose services run commands the CLI has, with ports and env it reads', () => {
    const compose = parseYaml(readFileSync('docker-compose.yml', 'utf8')) as {
      services: Record<
        string,
        { build?: { context: string; dockerfile: string }; command?: string[]; image?: string }
      >;
    };
    const built = Object.entries(compose.services).filter(([, s]) => s.build);
    expect(built.length).toBeGreaterThanOrEqual(3);
    for (const [name, service] of built) {
      expect({ name, dockerfile: existsSync(service.build!.dockerfile) }).toEqual({ name, dockerfile: true });
      expect({ name, command: commands.has(service.command![0]) }).toEqual({ name, command: true });
      const env = (service as { environment?: Record<string, string> }).environment ?? {};
      for (const key of Object.keys(env))
        expect({ name, key, read: ENV_KEYS.has(key) }).toEqual({ name, key, read: true });
    }
  });

  it('the Dockerfile copies only paths that exist and starts the CLI', () => {
    const dockerfile = readFileSync('docker/Dockerfile', 'utf8');
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources)
      expect({ source, exists: existsSync(source) }).toEqual({ source, exists: true });
    expect(dockerfile).toMatch(/ENTRYPOINT \["node", "bin\/portcullis\.js"\]/);
  });
});
