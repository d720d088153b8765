import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startHarness, type Harness, type HarnessOptions } from '../support/harness.js';
import { listen } from '../support/servers.js';

/**
 * LLM-style streaming on a plain HTTP connection: the upstream answers
 * text/event-stream, written by the test event by event; the client reads
 * through the proxy. Nothing waits on time except where time is the
 * subject (a stream outliving the request timeout, an idle one cut), and
 * there the waits are lower bounds, not races.
 */

/** An upstream whose event streams the test writes: `next()` gives each request's response. */
async function streamingUpstream() {
  const pending: ServerResponse[] = [];
  const waiting: ((res: ServerResponse) => void)[] = [];
  const server = await listen((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    const waiter = waiting.shift();
    if (waiter) waiter(res);
    else pending.push(res);
  });
  return {
    ...server,
    next(): Promise<ServerResponse> {
      const ready = pending.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** Reads events (raw text, blank line excluded) from a fetch response as they arrive. */
function eventReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<string | null> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          return event;
        }
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

const data = (event: string) =>
  event
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice(6))
    .join('\n');

describe('event streams on a plain HTTP connection', () => {
  let h: Harness;
  let upstream: Awaited<ReturnType<typeof streamingUpstream>>;
  const start = async (options: HarnessOptions = {}) => {
    upstream = await streamingUpstream();
    h = await startHarness({
      ...options,
      configure: (config) => {
        config.connections[0].upstream = upstream.url;
        options.configure?.(config);
      },
    });
  };
  const open = async (path = '/api/v1/chat') =>
    fetch(h.proxy.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${await h.token()}`, 'content-type': 'application/json' },
      body: '{"stream":true}',
    });
  afterEach(async () => {
    await h?.close();
    await upstream?.close();
  });

  it('passes each event as it comes, before the stream ends', async () => {
    await start();
    const response = await open();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = eventReader(response);
    const res = await upstream.next();
    for (let i = 0; i < 3; i++) {
      res.write(`data: {"n":${i}}\n\n`);
      // The upstream has not ended: this event reached the client on its own.
      expect(data((await events.next())!)).toBe(`{"n":${i}}`);
    }
    res.end();
    expect(await events.next()).toBeNull();
  });

  it("masks each event's data with the decision's masks; events that are not JSON get the detectors", async () => {
    await start({
      decide: () => ({ allow: true, mask: { fields: ['**.email'], detectors: ['credit_card'] } }),
    });
    const events = eventReader(await open());
    const res = await upstream.next();
    res.write('data: {"choices":[{"delta":{"content":"hi","email":"ada@example.com"}}]}\n\n');
    res.write('id: 2\nevent: note\ndata: card 4111 1111 1111 1111\n\n');
    res.end('data: [DONE]\n\n');
    expect(data((await events.next())!)).toBe('{"choices":[{"delta":{"content":"hi","email":"[MASKED]"}}]}');
    const second = (await events.next())!;
    expect(second).toContain('id: 2');
    expect(second).toContain('event: note');
    expect(data(second)).toBe('card [MASKED]');
    expect(data((await events.next())!)).toBe('[DONE]');
  });

  it('with inspect_response, decides each event as it passes and ends the stream at a refused one', async () => {
    await start({
      decide: (input) =>
        input.phase === 'request'
          ? { allow: true, inspect_response: true }
          : {
              allow: !String(input.response.body_text).includes('forbidden'),
              reasons: ['the answer quotes a forbidden document'],
            },
    });
    const events = eventReader(await open());
    const res = await upstream.next();
    res.write('data: {"delta":"fine"}\n\n');
    expect(data((await events.next())!)).toBe('{"delta":"fine"}');
    res.write('data: {"delta":"a forbidden quote"}\n\n');
    const refused = (await events.next())!;
    expect(refused).toContain('event: error');
    expect(JSON.parse(data(refused))).toMatchObject({ error: 'forbidden' });
    expect(await events.next()).toBeNull();
    const responses = h.decisions.calls.filter((c) => c.input.phase === 'response');
    expect(responses.map((c) => c.input.response.body)).toEqual([
      { delta: 'fine' },
      { delta: 'a forbidden quote' },
    ]);
    expect(responses[0].input.response.content_type).toBe('application/json');
  });

  it('scrubs the credential cut across two events (LLM deltas)', async () => {
    await start();
    const events = eventReader(await open());
    const res = await upstream.next();
    const cut = 9;
    res.write(`data: {"choices":[{"delta":{"content":"key=${h.secret.slice(0, cut)}"}}]}\n\n`);
    res.write(`data: {"choices":[{"delta":{"content":"${h.secret.slice(cut)}!"}}]}\n\n`);
    res.end();
    const joined = [await events.next(), await events.next()]
      .map((e) => JSON.parse(data(e!)).choices[0].delta.content)
      .join('');
    expect(joined).not.toContain(h.secret);
    expect(joined).toMatch(/^key=\[MASKED\].*!$/);
    expect(joined).not.toContain(h.secret.slice(cut, cut + 8));
  });

  it('refuses an event larger than the bound with an error event, and ends the stream', async () => {
    await start({
      configure: (config) => {
        config.connections[0].sse = { maxEventBytes: 1024 };
      },
    });
    const events = eventReader(await open());
    const res = await upstream.next();
    res.write('data: small\n\n');
    expect(data((await events.next())!)).toBe('small');
    res.write(`data: ${'x'.repeat(5000)}`);
    const error = (await events.next())!;
    expect(error).toContain('event: error');
    expect(JSON.parse(data(error))).toEqual({
      error: 'stream_event_too_large',
      message: "an event of the upstream's stream is larger than 1024 bytes",
    });
    expect(await events.next()).toBeNull();
    // The upstream's side is let go too.
    await new Promise((resolve) =>
      res.destroyed || res.writableEnded ? resolve(null) : res.once('close', resolve),
    );
  });

  it('a long-lived stream is not cut by the request timeouts', async () => {
    await start({
      configure: (config) => {
        config.server = { headersTimeoutMs: 1000, requestTimeoutMs: 1000 };
        config.connections[0].timeouts = { bodyMs: 5000 };
      },
    });
    const events = eventReader(await open());
    const res = await upstream.next();
    const started = Date.now();
    let n = 0;
    // At least twice the request timeout, one event every 250 ms (far within the idle bound).
    while (Date.now() - started < 2200) {
      res.write(`data: ${n}\n\n`);
      expect(data((await events.next())!)).toBe(String(n));
      n++;
      await sleep(250);
    }
    res.end('data: last\n\n');
    expect(data((await events.next())!)).toBe('last');
    expect(await events.next()).toBeNull();
    expect(n).toBeGreaterThan(3);
  });

  it("an idle stream is cut after the connection's body timeout, with an error event", async () => {
    await start({
      configure: (config) => {
        config.connections[0].timeouts = { bodyMs: 300 };
      },
    });
    const events = eventReader(await open());
    const res = await upstream.next();
    res.write('data: first\n\n');
    expect(data((await events.next())!)).toBe('first');
    // Then nothing: the proxy gives up on its own.
    const error = (await events.next())!;
    expect(JSON.parse(data(error))).toMatchObject({ error: 'upstream_timeout' });
    expect(await events.next()).toBeNull();
    const line = h.logs.find((l) => l.msg === 'response interrupted');
    expect(line).toBeDefined();
  });
});
