// Runs the npm scripts named on the command line (npm test's type check, lint
// and build: independent of each other) as many at a time as there are cores,
// at most two. Each one's output is held back and printed whole under its name
// when it ends, so two never interleave; the run fails naming every script
// that failed, and nothing after `&&` (the tests) runs.
// Usage: node scripts/checks.js <npm script>...
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const names = process.argv.slice(2);
if (names.length === 0) {
  process.stderr.write('usage: node scripts/checks.js <npm script>...\n');
  process.exit(2);
}
const npm = process.env.npm_execpath
  ? [process.execPath, process.env.npm_execpath]
  : [process.platform === 'win32' ? 'npm.cmd' : 'npm'];

/** Runs `npm run --silent <name>`; resolves with its exit code (or signal), output and seconds taken. */
function run(name) {
  const started = Date.now();
  const child = spawn(npm[0], [...npm.slice(1), 'run', '--silent', name], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks = [];
  child.stdout.on('data', (chunk) => chunks.push(chunk));
  child.stderr.on('data', (chunk) => chunks.push(chunk));
  return new Promise((resolve) => {
    child.once('error', (err) => resolve({ name, status: err.message, output: '', seconds: 0 }));
    child.once('close', (code, signal) =>
      resolve({
        name,
        status: code ?? signal,
        output: Buffer.concat(chunks).toString(),
        seconds: (Date.now() - started) / 1000,
      }),
    );
  });
}

const failed = [];
const queue = [...names];
async function lane() {
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const result = await run(name);
    const outcome = result.status === 0 ? 'ok' : `FAILED (exit ${result.status})`;
    const output = result.output.trimEnd();
    process.stdout.write(
      `── npm run ${name}: ${outcome} in ${result.seconds.toFixed(0)} s\n${output ? `${output}\n` : ''}`,
    );
    if (result.status !== 0) failed.push(name);
  }
}
const lanes = Math.max(1, Math.min(2, availableParallelism(), names.length));
await Promise.all(Array.from({ length: lanes }, lane));
if (failed.length > 0) {
  process.stderr.write(
    `\nnpm test stopped before the tests: ${failed.map((n) => `npm run ${n}`).join(', ')} failed\n`,
  );
  process.exit(1);
}
