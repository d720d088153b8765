/** A gateway decision input: an engineer reading a repository through the github connection. */
export const SAMPLE_INPUT = {
  phase: 'request',
  identity: {
    sub: 'alice',
    email: 'alice@example.com',
    groups: ['engineers'],
    type: 'user',
    method: 'jwt',
    claims: {},
  },
  connection: { name: 'github', tags: [] },
  request: {
    method: 'GET',
    path: '/repos/acme/api',
    segments: ['repos', 'acme', 'api'],
    query: {},
    headers: { accept: 'application/json' },
    body_status: 'empty',
    body_size: 0,
    content_type: null,
  },
  source: { ip: '127.0.0.1' },
  time: { unix_ms: 0, rfc3339: '2026-01-01T00:00:00Z', weekday: 'Thursday', hour: 0 },
};
