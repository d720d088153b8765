/**
 * An HTTP server on loopback that holds every request until the test
 * releases it. A policy that calls `http.send` on it (`app/held_rev`) stays
 * in evaluation exactly as long as the test wants: no calibrated busy loop,
 * no sleeping and hoping the evaluation has started or not yet finished.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldingServer {
  url: string;
  /** Resolves once `count` requests in all have arrived (each one an evaluation in progress). */
  arrived(count: number): Promise<void>;
  /** Answers every held request (and later ones at once) with 200. */
  release(): void;
  close(): Promise<void>;
}

export async function startHoldingServer(): Promise<HoldingServer> {
  const held: ServerResponse[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let arrivals = 0;
  let released = false;
  const answer = (res: ServerResponse) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  const server = createServer((req, res) => {
    req.resume();
    arrivals++;
    for (const waiter of waiters.filter((w) => arrivals >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    if (released) answer(res);
    else held.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hold`,
    arrived: (count) =>
      arrivals >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    release: () => {
      released = true;
      for (const res of held.splice(0)) answer(res);
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
