/**
 * The audit data folder of this jest worker (set by per-file-env.js before
 * each file): no file running at the same time in another worker shares it.
 */
export function testDataDir(): string {
  const dir = process.env.PORTCULLIS_DATA_DIR;
  if (!dir) throw new Error('PORTCULLIS_DATA_DIR is not set: run the tests through jest.config.js');
  return dir;
}
