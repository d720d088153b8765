import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** What the upstream does with one request: writes raw bytes, resets, holds… */
export type Behaviour = (socket: Socket, request: { method: string; path: string; head: string }) => void;

/**
 * An upstream on raw sockets, so it can misbehave in ways node:http would
 * not let it: the first path segment picks the behaviour (`/zstd/...`).
 * Each request opens its own handling; a socket serves one request.
 */
export async function startHostileUpstream(behaviours: Record<string, Behaviour>) {
  const sockets = new Set<Socket>();
  const seen: string[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const [method, target] = head.split(' ');
      const path = target.split('?')[0];
      const name = path.split('/')[1] ?? '';
      seen.push(path);
      const behaviour = behaviours[name];
      if (!behaviour) {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      behaviour(socket, { method, path, head: head.slice(0, end) });
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Paths asked for, in order. */
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A complete response head (status line, headers, blank line). */
export function head(status: number, headers: Record<string, string | number>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [`HTTP/1.1 ${status} X`, ...lines, '', ''].join('\r\n');
}
