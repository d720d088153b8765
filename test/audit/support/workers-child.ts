import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ExportHealth } from '../../../services/audit/export/exporter.js';
import type { WorkersOptions } from '../../../services/workers/index.js';

const SCRIPT = fileURLToPath(new URL('./workers-process.js', import.meta.url));

export interface WorkersChild {
  url: string;
  child: ChildProcess;
  stderr(): string;
  /** The audit part of the child's /health. */
  health(): Promise<ExportHealth>;
  /** SIGKILL: no shutdown, no flush, no acknowledgement of what it holds. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

/** The built workers in a child process (see workers-process.js). */
export async function startWorkersChild(
  options: Omit<WorkersOptions, 'logger' | 'host' | 'port'>,
): Promise<WorkersChild> {
  const child = spawn(process.execPath, [SCRIPT, JSON.stringify(options)], {
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]) as { url: string }).url);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`workers child exited (${code ?? signal}) before listening:\n${stderr}`)),
    );
  });
  return {
    url,
    child,
    stderr: () => stderr,
    async health() {
      const body = (await (await fetch(`${url}/health`)).json()) as { audit: ExportHealth };
      return body.audit;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
