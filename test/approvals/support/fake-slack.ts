import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the fake Slack API received. */
export interface SlackCall {
  method: string;
  token: string | undefined;
  args: Record<string, unknown>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Form fields that hold JSON (blocks) are parsed back, so tests read what was sent. */
function parseArgs(contentType: string, text: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(text || '{}');
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    try {
      args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      args[key] = value;
    }
  }
  return args;
}

/**
 * A stand-in for Slack's Web API on loopback: a real HTTP server that
 * answers `chat.postMessage`, `chat.update`, `chat.postEphemeral`,
 * `views.open` and `users.info` as Slack does, and records every call.
 * `users` is what users.info knows; `failNext` makes the next calls answer
 * 500, `failMethods[method]` the next calls of that method.
 */
export async function startFakeSlack() {
  const calls: SlackCall[] = [];
  const users = new Map<string, { email?: string; confirmed: boolean }>();
  const state = { failNext: 0, ts: 1700000000, failMethods: {} as Record<string, number> };
  const waiters: { match: (c: SlackCall) => boolean; resolve: (c: SlackCall) => void }[] = [];
  const server = createServer(async (req, res) => {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    const args = parseArgs(String(req.headers['content-type'] ?? ''), await readBody(req));
    const auth = req.headers.authorization;
    res.setHeader('content-type', 'application/json');
    if (state.failNext > 0 || (state.failMethods[method] ?? 0) > 0) {
      if (state.failNext > 0) state.failNext--;
      else state.failMethods[method]--;
      res.writeHead(500).end('{"ok":false,"error":"internal_error"}');
      return;
    }
    const call: SlackCall = { method, token: auth?.replace(/^Bearer /, ''), args };
    calls.push(call);
    for (const w of [...waiters])
      if (w.match(call)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(call);
      }
    let answer: Record<string, unknown>;
    switch (method) {
      case 'chat.postMessage':
        answer = { ok: true, channel: String(args.channel).replace(/^U/, 'D'), ts: `${++state.ts}.000100` };
        break;
      case 'chat.update':
        answer = { ok: true, channel: args.channel, ts: args.ts };
        break;
      case 'chat.postEphemeral':
        answer = { ok: true, message_ts: `${++state.ts}.000200` };
        break;
      case 'views.open':
        answer = args.trigger_id
          ? { ok: true, view: { id: `V${++state.ts}`, ...(args.view as object) } }
          : { ok: false, error: 'invalid_arguments' };
        break;
      case 'users.info': {
        const user = users.get(String(args.user));
        answer = user
          ? {
              ok: true,
              user: { id: args.user, is_email_confirmed: user.confirmed, profile: { email: user.email } },
            }
          : { ok: false, error: 'user_not_found' };
        break;
      }
      default:
        answer = { ok: false, error: 'unknown_method' };
    }
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    users,
    state,
    /** Resolves with the first call (past or future) that matches. */
    until(match: (c: SlackCall) => boolean): Promise<SlackCall> {
      const seen = calls.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
