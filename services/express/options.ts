import type { Logger } from 'pino';
import {
  proxyConfigSchema,
  type ConnectionConfig,
  type ProxyConfig,
  type ProxyConfigInput,
} from '../proxy/config.js';

/** The connection an app enforces on: the proxy's connection settings that mean something in-process. */
export interface EnforceConnectionInput {
  /** The name the policy sees as input.connection.name. */
  name: string;
  /** Policy entrypoint (path under /v1/data). @defaultValue gateway/decision */
  entrypoint?: string;
  /** closed: 503 when the decision service fails; open: run the route anyway (logged). @defaultValue closed */
  failMode?: 'closed' | 'open';
  /** Free labels the policy sees as input.connection.tags. */
  tags?: string[];
  /** refuse: `_method` overrides are 400 method_override_refused. @defaultValue refuse */
  methodOverride?: 'refuse' | 'ignore';
  /** Largest request body accepted; larger is 413. @defaultValue 1 MiB */
  maxBodyBytes?: number;
  /** How a caller waits when the policy asks for approval (docs/APPROVALS.md). @defaultValue hold, 30 s */
  approval?: { mode?: 'hold' | 'async'; holdSeconds?: number };
  /**
   * The secret the app itself uses behind this route (its database or API
   * key): handed to the route as `req.portcullis.credential` and scrubbed
   * from every answer, as the proxy scrubs an injected credential.
   */
  credential?: NonNullable<ProxyConfigInput['connections']>[number]['credential'];
}

/** `enforce(options)`: the proxy's configuration, with one connection and no upstream. */
export interface EnforceOptions {
  /** Base URL of the decision service. Exclusive with `decision.bundles`. @defaultValue http://127.0.0.1:8181 */
  decisionUrl?: string;
  /** Decision timeout, input limits, or `bundles` to decide in this process (embedded). */
  decision?: ProxyConfigInput['decision'];
  /** API keys and OIDC issuers, as the proxy's `identity`. */
  identity?: ProxyConfigInput['identity'];
  /** Where approvals and grants are kept; without it approval-requiring requests are 403 approval_required. */
  approvals?: ProxyConfigInput['approvals'];
  /** Masking limits and replacement. */
  mask?: ProxyConfigInput['mask'];
  connection: EnforceConnectionInput;
  /** Logger for the request lines and failures. @defaultValue pino at info level on stdout */
  logger?: Logger;
}

/** A setting of enforce() that is wrong, named by its path. */
export class EnforceConfigError extends Error {
  readonly code = 'enforce_config_invalid';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`enforce(): ${path}: ${message}`);
    this.name = 'EnforceConfigError';
  }
}

/** Connection keys of the proxy that describe an upstream or a protocol the middleware does not run. */
const PROXY_ONLY = [
  'upstream',
  'match',
  'stripPrefix',
  'forwardIdentity',
  'protocol',
  'mcp',
  'sse',
  'timeouts',
  'audit',
] as const;

/** Never contacted: the schema wants an upstream; the app's own routes take its place. */
const IN_PROCESS_UPSTREAM = 'http://in-process.invalid';

/** Validates the options with the proxy's own schema, so both read a setting the same way. */
export function enforceConfig(options: EnforceOptions): {
  config: ProxyConfig;
  connection: ConnectionConfig;
} {
  if (!options || typeof options !== 'object')
    throw new EnforceConfigError('options', 'an object is required');
  const given = options.connection as unknown as Record<string, unknown> | undefined;
  if (!given || typeof given !== 'object')
    throw new EnforceConfigError('connection', 'required: at least { name }');
  for (const key of PROXY_ONLY) {
    if (key in given)
      throw new EnforceConfigError(
        `connection.${key}`,
        'the Express middleware has no upstream (the app’s routes are it); use the standalone proxy for this setting',
      );
  }
  const parsed = proxyConfigSchema.safeParse({
    decisionUrl: options.decisionUrl,
    decision: options.decision,
    identity: options.identity,
    approvals: options.approvals,
    mask: options.mask,
    connections: [
      { ...given, upstream: IN_PROCESS_UPSTREAM, match: { pathPrefix: '/' }, stripPrefix: false },
    ],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String);
    // The schema's connections[0] is the caller's `connection`.
    const named = path[0] === 'connections' ? ['connection', ...path.slice(2)] : path;
    throw new EnforceConfigError(named.join('.') || 'options', issue.message);
  }
  return { config: parsed.data, connection: parsed.data.connections[0] };
}
