import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ProxyConfigInput } from '../../../services/proxy/config.js';

const SCRIPT = fileURLToPath(new URL('./proxy-child.js', import.meta.url));

export interface ProxyChild {
  url: string;
  child: ChildProcess;
  /** What the child wrote on stderr (its log lines, or the stack that killed it). */
  stderr(): string;
  /** True while the process runs. */
  alive(): boolean;
  close(): Promise<void>;
}

/**
 * The built proxy (dist/) in a process of its own: a crash there ends the
 * child, not the test runner, and shows as `alive() === false`.
 */
export async function startProxyChild(config: ProxyConfigInput, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [SCRIPT, JSON.stringify(config)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`proxy child exited (${code ?? signal}) before listening:\n${stderr}`)),
    );
  });
  const proxyChild: ProxyChild = {
    url,
    child,
    stderr: () => stderr,
    alive: () => child.exitCode === null && child.signalCode === null,
    async close() {
      if (proxyChild.alive()) child.kill('SIGTERM');
      await exited;
    },
  };
  return proxyChild;
}
