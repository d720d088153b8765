import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { connect } from 'node:net';

/** A child process whose output the test can wait on, line by line. */
export interface WatchedProcess {
  child: ChildProcess;
  /** stdout and stderr so far (interleaved as they arrived). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output, now or when it appears; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
}

export function startWatched(command: string, args: string[], options: SpawnOptions = {}): WatchedProcess {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    for (const listener of [...listeners]) listener();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  let exitedWith: number | string | undefined;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedWith = code ?? signal ?? 'unknown';
      for (const listener of [...listeners]) listener();
      resolve(exitedWith);
    });
  });
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = text.match(pattern);
        if (match) {
          listeners.delete(check);
          resolve(match);
        } else if (exitedWith !== undefined) {
          listeners.delete(check);
          reject(new Error(`exited (${exitedWith}) before printing ${pattern}; output:\n${text}`));
        }
      };
      listeners.add(check);
      check();
    });
  return { child, output: () => text, waitFor, exited };
}

/** Whether something accepts TCP connections on 127.0.0.1:port right now. */
export function portAccepts(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The pids of every process under `pid` (children first, then theirs), from `ps`. */
export function descendantsOf(pid: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  const children = out
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter(Boolean);
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

/**
 * SIGKILLs `pid` and everything under it: a test that fails while `npm start`
 * runs must not leave the node process under npm serving its ports and
 * holding its data folder's locks for the files after it.
 */
export function killTree(pid: number): void {
  for (const target of [...descendantsOf(pid), pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
