import { spawn, type ChildProcess } from 'node:child_process';
import { testRedisUrl } from './redis.js';

/** `npm start` as a user runs it (the built command line), every port picked by the OS. */
export interface StartedStack {
  process: ChildProcess;
  /** Everything the stack printed on stdout so far (the banner). */
  banner: string;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

/**
 * Starts the whole stack under the Redis prefix given and resolves once the
 * banner holds `readyWhen` (a line near its end); rejects with everything
 * printed if the process exits first.
 */
export async function startStack(options: {
  prefix: string;
  readyWhen: string;
  env?: Record<string, string>;
}): Promise<StartedStack> {
  const child = spawn(
    process.execPath,
    [
      'bin/portcullis.js',
      'start',
      '--proxy-port',
      '0',
      '--decision-port',
      '0',
      '--workers-port',
      '0',
      '--demo-port',
      '0',
    ],
    {
      env: {
        ...process.env,
        REDIS_URL: testRedisUrl(),
        PORTCULLIS_REDIS_PREFIX: options.prefix,
        PORTCULLIS_LOG_LEVEL: 'warn',
        PORTCULLIS_CONFIG: '',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const started: StartedStack = {
    process: child,
    banner: '',
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      started.banner += chunk;
      if (started.banner.includes(options.readyWhen)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`start exited with ${code}: ${stderr}${started.banner}`)));
  });
  return started;
}
