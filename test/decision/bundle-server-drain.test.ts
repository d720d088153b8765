import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBundle } from '../../services/bundle/index.js';
import { stopAccepting } from '../../services/common/shutdown.js';
import { startBundleServer } from '../../services/decision/index.js';
import { cleanup, tempDir, waitFor } from './support.js';

describe('bundle server at shutdown', () => {
  it('answers held long polls at once (304) instead of holding the drain for their wait', async () => {
    const dir = await tempDir('serve-drain');
    const bundle = await writeBundle({
      manifest: { revision: 'r1', roots: ['app'], wasm: [] },
      data: { app: {} },
    });
    await writeFile(join(dir, 'app.tar.gz'), bundle);
    const server = await startBundleServer({ dir, checkIntervalMs: 20 });
    try {
      const etag = (await fetch(`${server.url}/app.tar.gz`)).headers.get('etag')!;
      const held = fetch(`${server.url}/app.tar.gz`, {
        headers: { 'if-none-match': etag, prefer: 'modes=snapshot,delta; wait=300' },
      });
      await waitFor('the request to be held', () => server.heldRequests() === 1);
      const drain = stopAccepting();
      expect(drain.inFlight).toBe(1);
      // Far below the 300 s the client asked to wait: the drain releases it.
      const reports = await drain.settled(30_000);
      expect((await held).status).toBe(304);
      expect(reports).toEqual([{ name: 'bundle server', inFlight: 1, cut: 0 }]);
    } finally {
      await server.close();
      await cleanup(dir);
    }
  });
});
