import { z } from 'zod';
import { approvalStoreConfigSchema } from '../approvals/config.js';
import { shadowConfigSchema } from '../decision/shadow/config.js';

/**
 * The proxy's configuration (the `proxy:` key of portcullis.yaml). Validated
 * here, at the edge; everything after works on the parsed, typed value.
 * Every field has a default, so `proxyConfigSchema.parse({})` is valid.
 */

/** Asymmetric algorithms only: `none` and HS* are not representable, so no HS/RS confusion. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

const algorithm = z.enum(ASYMMETRIC_ALGORITHMS);

/** Where a secret comes from: an environment variable, or a file re-read when it changes. */
const secretSource = z.union(
  [z.object({ env: z.string().min(1) }).strict(), z.object({ file: z.string().min(1) }).strict()],
  {
    error: 'expected {env: NAME} (an environment variable) or {file: PATH} (a file, re-read when it changes)',
  },
);
export type SecretSource = z.infer<typeof secretSource>;

const credentialSchema = z.discriminatedUnion('type', [
  /** `Authorization: Bearer <value>`. */
  z.object({ type: z.literal('bearer'), value: secretSource }).strict(),
  /** `Authorization: Basic base64(<value>)`; the value is `user:password`. */
  z.object({ type: z.literal('basic'), value: secretSource }).strict(),
  /** `<header>: <value>`, e.g. `X-Api-Key`. */
  z
    .object({
      type: z.literal('header'),
      header: z.string().regex(/^[A-Za-z0-9-]+$/, 'a header name'),
      value: secretSource,
    })
    .strict(),
]);
export type CredentialConfig = z.infer<typeof credentialSchema>;

const forwardIdentitySchema = z
  .object({
    /** none: nothing; headers: X-Portcullis-Subject/Email/Groups; jwt: a signed assertion. @defaultValue none */
    mode: z.enum(['none', 'headers', 'jwt']).default('none'),
    /** Header carrying the assertion in jwt mode. @defaultValue X-Portcullis-Identity */
    header: z.string().default('X-Portcullis-Identity'),
    /** PKCS#8 PEM private key that signs the assertion (jwt mode). */
    signingKey: secretSource.optional(),
    algorithm: algorithm.default('ES256'),
    /** `iss` of the assertion. @defaultValue portcullis */
    issuer: z.string().default('portcullis'),
    /** Lifetime of the assertion. @defaultValue 60 */
    ttlSeconds: z.number().int().positive().default(60),
  })
  .strict()
  .refine((f) => f.mode !== 'jwt' || f.signingKey !== undefined, 'jwt mode needs signingKey')
  .prefault({});

/** What the proxy records of a connection's requests (docs/AUDIT.md). */
const connectionAuditSchema = z
  .object({
    /**
     * async: the request never waits for its record. sync: the answer is
     * held until the event is in Redis or synced to the spool, and a request
     * whose event cannot be recorded is refused (503 audit_unavailable).
     * @defaultValue async
     */
    mode: z.enum(['async', 'sync']).default('async'),
    /** Level when the decision names none, or no decision was made. @defaultValue basic */
    level: z.enum(['none', 'basic', 'full']).default('basic'),
    /** Most bytes of each body recorded at level full; the rest is cut and marked. @defaultValue 64 KiB */
    maxBodyBytes: z
      .number()
      .int()
      .nonnegative()
      .default(64 * 1024),
  })
  .strict()
  .prefault({});
export type ConnectionAuditConfig = z.infer<typeof connectionAuditSchema>;

/** Limits on the JSON-RPC bodies of an MCP connection (docs/MCP.md). */
const mcpSchema = z
  .object({
    /** Most messages in one JSON-RPC batch; a larger batch is refused whole. @defaultValue 64 */
    maxBatch: z.number().int().positive().max(1000).default(64),
    /** Deepest nesting of arrays and objects in a message; deeper is refused. @defaultValue 64 */
    maxDepth: z.number().int().positive().max(500).default(64),
    /** Longest string id, in characters (number ids must be safe integers). @defaultValue 128 */
    maxIdLength: z.number().int().positive().max(4096).default(128),
  })
  .strict();
export type McpLimits = z.infer<typeof mcpSchema>;
const MCP_DEFAULTS: McpLimits = mcpSchema.parse({});

/** Server-sent event streams from the upstream, inspected event by event (docs/MCP.md). */
const sseSchema = z
  .object({
    /**
     * Largest event (its raw bytes) held while it is read and inspected; a
     * larger one ends the stream with an error event. @defaultValue 1 MiB
     */
    maxEventBytes: z
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
  })
  .strict();
export type SseLimits = z.infer<typeof sseSchema>;
const SSE_DEFAULTS: SseLimits = sseSchema.parse({});

/** A connection's MCP limits, the defaults when it sets none. */
export function mcpLimits(connection: Pick<ConnectionConfig, 'mcp'>): McpLimits {
  return connection.mcp ?? MCP_DEFAULTS;
}

/** A connection's event-stream limits, the defaults when it sets none. */
export function sseLimits(connection: Pick<ConnectionConfig, 'sse'>): SseLimits {
  return connection.sse ?? SSE_DEFAULTS;
}

const connectionSchema = z
  .object({
    /** Unique name; the policy sees it as input.connection.name. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
    /** How requests are routed here: Host header and/or path prefix (both must match when both are set). */
    match: z
      .object({
        host: z.string().optional(),
        pathPrefix: z.string().regex(/^\/.*/, 'starts with /').optional(),
      })
      .strict()
      .prefault({}),
    /** Remove the path prefix before the policy and the upstream see the path. @defaultValue true */
    stripPrefix: z.boolean().default(true),
    /** Upstream base URL (http or https); its path is prepended to the request path. */
    upstream: z.string().url(),
    credential: credentialSchema.optional(),
    forwardIdentity: forwardIdentitySchema,
    /** Policy entrypoint (path under /v1/data). @defaultValue gateway/decision */
    entrypoint: z.string().default('gateway/decision'),
    /** closed: 503 when the decision service fails; open: forward anyway (logged). @defaultValue closed */
    failMode: z.enum(['closed', 'open']).default('closed'),
    /** Free labels the policy sees as input.connection.tags. */
    tags: z.array(z.string()).default([]),
    /**
     * refuse: a request carrying `_method` (query, form or JSON body), which
     * Rails, Laravel and others run as that method, is 400
     * method_override_refused; ignore: the upstream honours no such
     * parameter, pass it as data. @defaultValue refuse
     */
    methodOverride: z.enum(['refuse', 'ignore']).default('refuse'),
    /**
     * http (absent): each request is decided whole. mcp: the body is
     * JSON-RPC 2.0 (Model Context Protocol over streamable HTTP) and each
     * message is decided on its own, with input.mcp (docs/MCP.md).
     * @defaultValue http
     */
    protocol: z.enum(['http', 'mcp']).optional(),
    /** JSON-RPC limits of an mcp connection. @defaultValue {maxBatch: 64, maxDepth: 64, maxIdLength: 128} */
    mcp: mcpSchema.optional(),
    /**
     * Event streams (text/event-stream answers) are inspected event by event;
     * an idle stream is cut after timeouts.bodyMs. @defaultValue {maxEventBytes: 1 MiB}
     */
    sse: sseSchema.optional(),
    /** Largest request body accepted; larger is 413. @defaultValue 1 MiB */
    maxBodyBytes: z
      .number()
      .int()
      .nonnegative()
      .default(1024 * 1024),
    /** How a caller waits when the policy asks for approval (docs/APPROVALS.md). */
    approval: z
      .object({
        /**
         * hold: keep the request (body buffered) up to holdSeconds, then forward,
         * refuse or answer 202; async: answer 202 approval_pending at once. @defaultValue hold
         */
        mode: z.enum(['hold', 'async']).default('hold'),
        /** Longest a request is held before the 202 answer. @defaultValue 30 */
        holdSeconds: z.number().nonnegative().max(300).default(30),
      })
      .strict()
      .prefault({}),
    audit: connectionAuditSchema,
    timeouts: z
      .object({
        /** @defaultValue 5000 */
        connectMs: z.number().int().positive().default(5000),
        /** Time to the upstream's response headers. @defaultValue 30000 */
        headersMs: z.number().int().positive().default(30000),
        /** Longest gap between response body chunks. @defaultValue 30000 */
        bodyMs: z.number().int().positive().default(30000),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type ConnectionConfig = z.infer<typeof connectionSchema>;

const issuerSchema = z
  .object({
    /** Expected `iss`, and the OIDC discovery base when no keys are given. */
    issuer: z.string().min(1),
    /** Accepted `aud` values (one must match). */
    audience: z.union([z.string(), z.array(z.string()).min(1)], {
      error: 'expected an audience (a string) or a non-empty list of them',
    }),
    /** JWKS URL; when absent (and no static keys) it comes from OIDC discovery. */
    jwksUri: z.string().url().optional(),
    /** Static JWKS (`{keys: [...]}`), public keys only. */
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).optional(),
    /** Static SPKI PEM public keys. */
    publicKeys: z
      .array(z.object({ pem: z.string(), algorithm, kid: z.string().optional() }).strict())
      .optional(),
    /** @defaultValue ['RS256', 'ES256'] */
    algorithms: z.array(algorithm).min(1).default(['RS256', 'ES256']),
    /** Claim holding the groups; dots walk into objects (`realm_access.roles`). @defaultValue groups */
    groupsClaim: z.string().default('groups'),
    /** @defaultValue email */
    emailClaim: z.string().default('email'),
    /** `user` or `service`, as the policy sees input.identity.type. @defaultValue user */
    identityType: z.enum(['user', 'service']).default('user'),
    /** Tolerance on exp/nbf/iat. @defaultValue 30 */
    clockSkewSeconds: z.number().int().nonnegative().max(300).default(30),
    /** How long a fetched JWKS is trusted before a refetch. @defaultValue 600 */
    jwksCacheSeconds: z.number().int().positive().default(600),
    /** Least time between two refetches triggered by an unknown `kid`. @defaultValue 30 */
    jwksCooldownSeconds: z.number().nonnegative().default(30),
  })
  .strict();
export type IssuerConfig = z.infer<typeof issuerSchema>;

const apiKeySchema = z
  .object({
    /** Name of the key (logged; never the key itself). */
    id: z.string().min(1),
    /** Lowercase hex SHA-256 of the key. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits'),
    subject: z.string().min(1),
    groups: z.array(z.string()).default([]),
  })
  .strict();
export type ApiKeyConfig = z.infer<typeof apiKeySchema>;

export const DEFAULT_DECISION_URL = 'http://127.0.0.1:8181';

/** Bundle signature check for embedded decisions, as the decision service's `decision.verification`. */
const verificationSchema = z
  .object({
    /** PEM public key (RS256, ES256) or shared secret (HS256). */
    key: z.string().min(1),
    algorithm: z.enum(['RS256', 'ES256', 'HS256']).default('RS256'),
    /** Required `scope` claim. */
    scope: z.string().optional(),
    /** Required `kid`, when the signature names one. */
    keyId: z.string().optional(),
  })
  .strict();

/**
 * Where embedded decisions are logged when the proxy runs without an audit
 * producer of its own: the audit stream on this Redis.
 */
const decisionLogsSchema = z
  .object({
    redisUrl: z.string().min(1),
    /** @defaultValue portcullis */
    prefix: z.string().min(1).default('portcullis'),
  })
  .strict();

/** Keys of `decision` that configure the in-process engine, so mean nothing without `bundles`. */
const EMBEDDED_ONLY = ['workers', 'verification', 'decisionLogs', 'v0Compatible', 'shadow'] as const;

const decisionSchema = z
  .object({
    /**
     * Time allowed for one decision; in embedded mode, also the evaluation
     * deadline. @defaultValue 2000
     */
    timeoutMs: z.number().int().positive().default(2000),
    /** Largest body the policy sees parsed; larger bodies are flagged and left out. @defaultValue 64 KiB */
    maxInputBodyBytes: z
      .number()
      .int()
      .nonnegative()
      .default(64 * 1024),
    /**
     * Embedded mode: evaluate in this process from these bundle sources
     * (`.tar.gz` files, bundle directories, http(s) bundle-server URLs)
     * instead of asking `decisionUrl`.
     */
    bundles: z.array(z.string().min(1)).min(1, 'at least one bundle source').optional(),
    /** Embedded: evaluation worker threads. @defaultValue the number of cores */
    workers: z.number().int().positive().optional(),
    /** Embedded: key every bundle must be signed with; without it, signed bundles are refused. */
    verification: verificationSchema.optional(),
    /**
     * Embedded: record decision logs on this Redis's audit stream when the
     * proxy has no audit producer (`npx portcullis proxy` gives it one).
     */
    decisionLogs: decisionLogsSchema.optional(),
    /**
     * Embedded: read the Rego sources of bundles that declare no
     * `rego_version` as Rego v0 (OPA's `--v0-compatible`). @defaultValue false
     */
    v0Compatible: z.boolean().optional(),
    /** Embedded: a shadow bundle every decision is also compared with (docs/POLICY.md, Shadow bundles). */
    shadow: shadowConfigSchema.optional(),
  })
  .strict();

export const proxyConfigSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8080),
    /**
     * Base URL of the decision service (OPA's /v1/data API). Exclusive with
     * `decision.bundles`. @defaultValue http://127.0.0.1:8181 unless `decision.bundles` is set
     */
    decisionUrl: z.string().url().optional(),
    decision: decisionSchema.prefault({}),
    identity: z
      .object({
        issuers: z.array(issuerSchema).default([]),
        apiKeys: z.array(apiKeySchema).default([]),
        /** Header carrying an API key. @defaultValue x-api-key */
        apiKeyHeader: z
          .string()
          .default('x-api-key')
          .transform((h) => h.toLowerCase()),
      })
      .strict()
      .prefault({}),
    connections: z.array(connectionSchema).default([]),
    /**
     * Where approvals and grants are kept (Redis). Without it a decision that
     * asks for approval is refused with 403 approval_required.
     * `npx portcullis proxy` fills it from `redis:` and `approvals:`.
     */
    approvals: approvalStoreConfigSchema.optional(),
    /**
     * Limits on callers' connections (slow or idle callers must not hold
     * sockets for long). The request timeout covers receiving the request,
     * not the time the proxy then takes to answer it.
     */
    server: z
      .object({
        /** Time a caller has to send the request line and headers. @defaultValue 10000 */
        headersTimeoutMs: z.number().int().positive().default(10_000),
        /** Time a caller has to send the whole request, body included. @defaultValue 60000 */
        requestTimeoutMs: z.number().int().positive().default(60_000),
        /** An idle keep-alive connection is closed after this. @defaultValue 5000 */
        keepAliveTimeoutMs: z.number().int().positive().default(5_000),
        /** Connections open at once; more are refused. @defaultValue 10000 */
        maxConnections: z.number().int().positive().default(10_000),
      })
      .strict()
      .refine((s) => s.headersTimeoutMs <= s.requestTimeoutMs, {
        message: 'headersTimeoutMs must not exceed requestTimeoutMs',
      })
      .prefault({}),
    mask: z
      .object({
        /** Largest response body buffered for masking or inspection; larger is refused. @defaultValue 8 MiB */
        maxResponseBytes: z
          .number()
          .int()
          .positive()
          .default(8 * 1024 * 1024),
        /** Replacement when the decision names none. @defaultValue [MASKED] */
        replacement: z.string().default('[MASKED]'),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.decision.bundles !== undefined && config.decisionUrl !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['decisionUrl'],
        message:
          'set either decisionUrl (ask a decision service) or decision.bundles (decide in-process), not both',
      });
    }
    for (const key of EMBEDDED_ONLY) {
      if (config.decision.bundles === undefined && config.decision[key] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['decision', key],
          message: 'applies to embedded decisions only: set decision.bundles too',
        });
      }
    }
    const seen = new Set<string>();
    config.connections.forEach((c, i) => {
      if (seen.has(c.name))
        ctx.addIssue({ code: 'custom', path: ['connections', i, 'name'], message: 'duplicate name' });
      seen.add(c.name);
      if (c.match.host === undefined && c.match.pathPrefix === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['connections', i, 'match'],
          message: 'needs host or pathPrefix',
        });
      }
    });
  })
  // Exactly one way to decide is in effect: the default URL only when no bundles are given.
  .transform((config) =>
    config.decision.bundles === undefined
      ? { ...config, decisionUrl: config.decisionUrl ?? DEFAULT_DECISION_URL }
      : config,
  );

export type ProxyConfigInput = z.input<typeof proxyConfigSchema>;
export type ProxyConfig = z.infer<typeof proxyConfigSchema>;
