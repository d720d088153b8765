// Plain JS: a Jest setup file, run before each test file in its worker.
// Points the audit data folder (PORTCULLIS_DATA_DIR: the embedded PGlite
// store, its lock and the spools) at this worker's own folder, so two files
// running at once never share `.portcullis/` in the checkout, while the files
// one worker runs one after another reuse its store (PGlite's first start
// costs seconds of CPU). Child processes inherit it through process.env;
// in-process configs read it with testDataDir() (support/data-dir.ts).
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = process.env.PORTCULLIS_TEST_TMP ?? join(tmpdir(), `portcullis-test-${process.ppid}`);
const dir = join(scratch, `worker-${process.env.JEST_WORKER_ID ?? '1'}`);
mkdirSync(dir, { recursive: true });
process.env.PORTCULLIS_DATA_DIR = dir;
