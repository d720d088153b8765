import { connect } from 'node:net';
import { API_KEY, startHarness, type Harness } from './support/harness.js';
import { parseAnswer, received } from './support/raw-http.js';

/**
 * Slow callers (slowloris) cannot hold the proxy's sockets: the head must
 * arrive within `server.headersTimeoutMs`, the whole request within
 * `server.requestTimeoutMs`. The time the proxy then takes to answer is
 * not counted.
 */
describe('slow callers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      configure: (c) => void (c.server = { headersTimeoutMs: 300, requestTimeoutMs: 800 }),
    });
  });
  afterAll(async () => h?.close());

  /** Opens a connection, writes `text`, then sends nothing more; resolves with what the proxy answered before closing. */
  function stall(text: string): Promise<string> {
    const { hostname, port } = new URL(h.proxy.url);
    const socket = connect(Number(port), hostname, () => socket.write(text));
    return received(socket);
  }

  it('a head that never ends is answered 408 and closed', async () => {
    const answer = await stall(`GET /api/x HTTP/1.1\r\nHost: proxy\r\nX-Api-Key: ${API_KEY}\r\nX-Slow: `);
    expect(parseAnswer(answer).status).toBe(408);
  });

  it('a body that never ends is answered 408 and closed, before any decision', async () => {
    const before = h.decisions.calls.length;
    const answer = await stall(
      `POST /api/x HTTP/1.1\r\nHost: proxy\r\nX-Api-Key: ${API_KEY}\r\nContent-Length: 100\r\n\r\n{"partial":`,
    );
    expect(parseAnswer(answer).status).toBe(408);
    expect(h.decisions.calls.length).toBe(before);
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('a request received in time is answered however long the answer takes', async () => {
    // The decision alone takes longer than the request timeout.
    h.decisions.state.delayMs = 1200;
    try {
      const res = await h.call('/api/x');
      expect(res.status).toBe(200);
    } finally {
      h.decisions.state.delayMs = 0;
    }
  });
});
