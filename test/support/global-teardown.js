import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const child = globalThis.__portcullisRedisProcess;
  if (child && child.exitCode === null) {
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
  // The workers' data folders (per-file-env.js); their processes have exited with the files.
  const scratch = process.env.PORTCULLIS_TEST_TMP;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
