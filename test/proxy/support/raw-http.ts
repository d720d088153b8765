import { connect, type Socket } from 'node:net';

/** Resolves when the socket has closed, with every byte it received (latin1). */
export function received(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data));
  });
}

/**
 * Sends raw bytes to a server and returns everything it answered until the
 * connection closed (send `Connection: close`, or the server's own limits
 * end it).
 */
export function rawExchange(
  url: string,
  bytes: string | Buffer,
  options: { endAfterWrite?: boolean } = {},
): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname, () => {
    // Half-closing says no more bytes will come: a server waiting for a body
    // that was declared longer than sent answers (or closes) instead of waiting.
    if (options.endAfterWrite) socket.end(bytes);
    else socket.write(bytes);
  });
  return received(socket);
}

export interface RawAnswer {
  /** The status code of the first response, 0 when there was none. */
  status: number;
  headers: Record<string, string>;
  /** The body, de-chunked. */
  body: Buffer;
  /** False when the body was cut short of its declared length or final chunk. */
  complete: boolean;
}

/** Reads the first HTTP/1.1 response out of raw bytes (latin1 text). */
export function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf('\r\n\r\n');
  const none = { status: 0, headers: {}, body: Buffer.alloc(0), complete: false };
  if (end < 0) return none;
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let rest = text.slice(end + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    const parts: string[] = [];
    while (true) {
      const lineEnd = rest.indexOf('\r\n');
      if (lineEnd < 0)
        return { status, headers, body: Buffer.from(parts.join(''), 'latin1'), complete: false };
      const size = parseInt(rest.slice(0, lineEnd), 16);
      if (size === 0) return { status, headers, body: Buffer.from(parts.join(''), 'latin1'), complete: true };
      const chunk = rest.slice(lineEnd + 2, lineEnd + 2 + size);
      parts.push(chunk);
      if (chunk.length < size)
        return { status, headers, body: Buffer.from(parts.join(''), 'latin1'), complete: false };
      rest = rest.slice(lineEnd + 2 + size + 2);
    }
  }
  const length = headers['content-length'];
  if (length === undefined) return { status, headers, body: Buffer.from(rest, 'latin1'), complete: true };
  const body = Buffer.from(rest.slice(0, Number(length)), 'latin1');
  return { status, headers, body, complete: body.length === Number(length) };
}
