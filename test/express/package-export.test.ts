import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * `import { enforce } from 'portcullis/express'` as an app would write it:
 * the package's own name resolves through package.json "exports" to the
 * built middleware (npm test builds dist/ first).
 */
it('resolves portcullis/express to the built enforce()', async () => {
  const root = join(import.meta.dirname, '..', '..');
  const script = [
    "const m = await import('portcullis/express');",
    "const url = import.meta.resolve('portcullis/express');",
    'console.log(JSON.stringify({ url, enforce: typeof m.enforce, error: typeof m.EnforceConfigError }));',
  ].join('\n');
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
  });
  const found = JSON.parse(stdout) as { url: string; enforce: string; error: string };
  expect(found.url).toMatch(/\/dist\/services\/express\/index\.js$/);
  expect(found).toMatchObject({ enforce: 'function', error: 'function' });
}, 60_000);
