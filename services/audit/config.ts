import { join } from 'node:path';
import { z } from 'zod';
import { AUDIT_EVENT_KINDS } from './event.js';

/**
 * `audit:` in portcullis.yaml: the transport, the producers' spool, the
 * sinks the workers export to, retention and the read API. Every field has
 * a default, so `auditConfigSchema.parse({})` is a working configuration
 * (one sink: the embedded PostgreSQL store). docs/AUDIT.md has examples.
 *
 * Every sink is configured with the same blocks, as Vector's are: `batch`,
 * `request` (timeout, retries), `encoding`, `deadLetter`; the buffer is the
 * shared stream (`transport`), in which each sink has its own cursor.
 */

/** Where a secret comes from: an environment variable or a file (re-read on use), or given inline. */
export const auditSecretSchema = z.union([
  z.object({ env: z.string().min(1) }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
  z.object({ value: z.string().min(1) }).strict(),
]);
export type AuditSecret = z.infer<typeof auditSecretSchema>;

const kind = z.enum(AUDIT_EVENT_KINDS);

const batchSchema = z
  .object({
    /** Most events in one request. @defaultValue 500 */
    maxEvents: z.number().int().positive().max(100_000).default(500),
    /** Most bytes of event JSON in one request (an event larger than this goes alone). @defaultValue 1 MiB */
    maxBytes: z
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    /** Longest a batch waits to fill before it is sent anyway. @defaultValue 1000 */
    timeoutMs: z.number().int().positive().max(60_000).default(1000),
  })
  .strict()
  .prefault({});

const requestSchema = z
  .object({
    /** A request not answered within this fails (and is retried). @defaultValue 10000 */
    timeoutMs: z.number().int().positive().max(300_000).default(10_000),
    retry: z
      .object({
        /** First wait after a failure; doubles each time. @defaultValue 200 */
        initialBackoffMs: z.number().int().positive().default(200),
        /** Longest wait between tries (a larger `Retry-After` is capped here too). @defaultValue 30000 */
        maxBackoffMs: z.number().int().positive().default(30_000),
        /** Tries of one batch before its events are dead-lettered. @defaultValue 10 */
        maxTries: z.number().int().positive().max(1000).default(10),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

const deadLetterSchema = z
  .object({
    /** Dead-lettered events kept per sink (a capped Redis stream). @defaultValue 100000 */
    maxEvents: z.number().int().positive().default(100_000),
  })
  .strict()
  .prefault({});

/** What events look like on the wire: ours (docs/schemas/audit-event.schema.json) or OCSF API Activity (6003). */
const formatSchema = z.enum(['portcullis', 'ocsf']);

const common = {
  /** Unique name; the sink's cursor (consumer group), counters and dead letters carry it. */
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
  /** Kinds of events this sink receives. @defaultValue every kind */
  kinds: z
    .array(kind)
    .min(1)
    .default([...AUDIT_EVENT_KINDS]),
  batch: batchSchema,
  request: requestSchema,
  deadLetter: deadLetterSchema,
};

const fileSinkSchema = z
  .object({
    type: z.literal('file'),
    ...common,
    /** Directory of the files; the current one is `<name>.jsonl`. */
    dir: z.string().min(1),
    rotate: z
      .object({
        /** Rotate once the current file is this large. @defaultValue 100 MiB */
        maxBytes: z
          .number()
          .int()
          .positive()
          .default(100 * 1024 * 1024),
        /** Rotate once the current file is this old (seconds). @defaultValue 86400 */
        intervalSeconds: z.number().int().positive().default(86_400),
        /** Gzip rotated files. @defaultValue true */
        compress: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    keep: z
      .object({
        /** Rotated files kept (the oldest go first). @defaultValue 30 */
        count: z.number().int().positive().default(30),
        /** Rotated files older than this are removed; none when absent. */
        days: z.number().positive().optional(),
      })
      .strict()
      .prefault({}),
    encoding: z
      .object({ format: formatSchema.default('portcullis') })
      .strict()
      .prefault({}),
  })
  .strict();

const httpSinkSchema = z
  .object({
    type: z.literal('http'),
    ...common,
    /** Where batches are POSTed. */
    url: z.string().url(),
    /** Extra request headers (e.g. an API key of the receiver). */
    headers: z.record(z.string(), z.string()).default({}),
    encoding: z
      .object({
        /** A JSON array per request, or one event per line. @defaultValue json */
        framing: z.enum(['json', 'ndjson']).default('json'),
        format: formatSchema.default('portcullis'),
      })
      .strict()
      .prefault({}),
    /** HMAC-SHA256 of the body, hex, in `header` (`sha256=<hex>`), keyed by `secret`. */
    hmac: z
      .object({
        secret: auditSecretSchema,
        /** @defaultValue X-Portcullis-Signature */
        header: z.string().default('X-Portcullis-Signature'),
      })
      .strict()
      .optional(),
  })
  .strict();

const splunkSinkSchema = z
  .object({
    type: z.literal('splunk'),
    ...common,
    /** HEC base URL (`https://splunk:8088`); events go to `/services/collector/event`. */
    url: z.string().url(),
    token: auditSecretSchema,
    index: z.string().optional(),
    /** @defaultValue portcullis */
    source: z.string().default('portcullis'),
    /** @defaultValue portcullis:audit */
    sourcetype: z.string().default('portcullis:audit'),
    /** The envelope's host. @defaultValue this machine's hostname */
    host: z.string().optional(),
    encoding: z
      .object({ format: formatSchema.default('portcullis') })
      .strict()
      .prefault({}),
    /** Indexer acknowledgement: an event counts as delivered only once Splunk says it is indexed. */
    ack: z
      .object({
        enabled: z.boolean().default(false),
        /** `X-Splunk-Request-Channel`. @defaultValue a UUID made at start */
        channel: z.string().uuid().optional(),
        /** @defaultValue 1000 */
        pollIntervalMs: z.number().int().positive().default(1000),
        /** Acks not seen by then: the batch is sent again. @defaultValue 60000 */
        timeoutMs: z.number().int().positive().default(60_000),
      })
      .strict()
      .prefault({}),
  })
  .strict();

const opaSinkSchema = z
  .object({
    type: z.literal('opa'),
    ...common,
    /** Decision logs only, by default: that is what OPA log receivers ingest. */
    kinds: z.array(kind).min(1).default(['decision_log']),
    /** The service's base URL; batches are POSTed to `<url>/logs`, as OPA's decision_logs plugin does. */
    url: z.string().url(),
    /** @defaultValue /logs */
    path: z.string().regex(/^\//, 'starts with /').default('/logs'),
    /** `Authorization: Bearer <token>`, as OPA's services `credentials.bearer`. */
    token: auditSecretSchema.optional(),
    headers: z.record(z.string(), z.string()).default({}),
  })
  .strict();

const postgresSinkSchema = z
  .object({
    type: z.literal('postgres'),
    ...common,
    /** `postgres://…` URL; without it, an embedded PostgreSQL (PGlite) in the workers' process. */
    url: z.union([z.string().min(1), auditSecretSchema]).optional(),
    /** Schema holding the tables (created and migrated by the workers). @defaultValue portcullis_audit */
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'a lowercase SQL identifier')
      .default('portcullis_audit'),
    /** Embedded only: where PGlite keeps its files. @defaultValue `<audit.dataDir>/audit-db` */
    dataDir: z.string().min(1).optional(),
  })
  .strict();

export const sinkConfigSchema = z.discriminatedUnion('type', [
  fileSinkSchema,
  httpSinkSchema,
  splunkSinkSchema,
  opaSinkSchema,
  postgresSinkSchema,
]);
export type SinkConfig = z.infer<typeof sinkConfigSchema>;
export type FileSinkConfig = z.infer<typeof fileSinkSchema>;
export type HttpSinkConfig = z.infer<typeof httpSinkSchema>;
export type SplunkSinkConfig = z.infer<typeof splunkSinkSchema>;
export type OpaSinkConfig = z.infer<typeof opaSinkSchema>;
export type PostgresSinkConfig = z.infer<typeof postgresSinkSchema>;

/** Data classes retention applies to. */
export const DATA_CLASSES = ['request', 'body', 'decision_log', 'approval'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

const classRetention = z
  .object({
    /** Kept this many days. @defaultValue 90 (bodies: 30) */
    days: z.number().positive().optional(),
    /** Largest total size of the class in the store; the oldest go first past it. @defaultValue none */
    maxBytes: z.number().int().positive().optional(),
  })
  .strict()
  .prefault({});

const legalHoldSchema = z
  .object({
    connection: z.string().optional(),
    subject: z.string().optional(),
    /** Why (shown in `/health` and logs). */
    reason: z.string().min(1),
  })
  .strict()
  .refine((h) => h.connection !== undefined || h.subject !== undefined, 'needs connection or subject');

export const DEFAULT_RETENTION_DAYS: Record<DataClass, number> = {
  request: 90,
  body: 30,
  decision_log: 30,
  approval: 365,
};

const retentionSchema = z
  .object({
    request: classRetention,
    body: classRetention,
    decision_log: classRetention,
    approval: classRetention,
    /** Events of these connections or subjects are kept whatever their age. */
    legalHolds: z.array(legalHoldSchema).default([]),
    /** How often the retention job runs (a BullMQ repeatable job). @defaultValue 3600 */
    intervalSeconds: z.number().int().positive().default(3600),
  })
  .strict()
  .prefault({});
export type RetentionConfig = z.infer<typeof retentionSchema>;

export const auditConfigSchema = z
  .object({
    /** Instance name stamped on events. @defaultValue `<hostname>:<pid>` */
    instance: z.string().min(1).optional(),
    /**
     * Where the audit trail keeps local files: the spools and the embedded
     * store, unless they name their own. $PORTCULLIS_DATA_DIR overrides it.
     * @defaultValue .portcullis (in the working directory)
     */
    dataDir: z.string().min(1).default('.portcullis'),
    transport: z
      .object({
        /**
         * Most events the stream holds. Past it the workers trim the oldest
         * even if a sink has not delivered them, counting them as that
         * sink's `dropped`. @defaultValue 1000000
         */
        maxLength: z.number().int().positive().default(1_000_000),
        /** How often the workers trim what every sink has acknowledged. @defaultValue 1000 */
        trimIntervalMs: z.number().int().positive().default(1000),
        /** Events a dead worker held unacknowledged this long are taken over. @defaultValue 30000 */
        claimIdleMs: z.number().int().positive().default(30_000),
      })
      .strict()
      .prefault({}),
    spool: z
      .object({
        /** Each producing process spools in `<dir>/<service>`. @defaultValue `<audit.dataDir>/audit-spool` */
        dir: z.string().min(1).optional(),
        /** @defaultValue 256 MiB */
        maxBytes: z
          .number()
          .int()
          .positive()
          .default(256 * 1024 * 1024),
        /** No spool: events wait in memory only while Redis is away. @defaultValue true */
        enabled: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** @defaultValue one postgres sink named `store` (embedded unless `url` is set) */
    sinks: z.array(sinkConfigSchema).optional(),
    retention: retentionSchema,
    api: z
      .object({
        /** Callers must be in this group (from their token or API key). @defaultValue auditors */
        auditorGroup: z.string().min(1).default('auditors'),
        /** The postgres sink the API reads. @defaultValue the first postgres sink */
        store: z.string().optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .transform((config, ctx) => {
    const sinks = (config.sinks ?? [postgresSinkSchema.parse({ type: 'postgres', name: 'store' })]).map(
      (sink) =>
        sink.type === 'postgres' && sink.url === undefined && sink.dataDir === undefined
          ? { ...sink, dataDir: join(config.dataDir, 'audit-db') }
          : sink,
    );
    const spool = { ...config.spool, dir: config.spool.dir ?? join(config.dataDir, 'audit-spool') };
    const seen = new Set<string>();
    sinks.forEach((sink, i) => {
      if (seen.has(sink.name))
        ctx.addIssue({ code: 'custom', path: ['sinks', i, 'name'], message: 'duplicate sink name' });
      seen.add(sink.name);
    });
    const store = config.api.store;
    if (store !== undefined && !sinks.some((s) => s.name === store && s.type === 'postgres')) {
      ctx.addIssue({ code: 'custom', path: ['api', 'store'], message: 'names no postgres sink' });
    }
    return { ...config, spool, sinks };
  });

export type AuditConfigInput = z.input<typeof auditConfigSchema>;
export type AuditConfig = z.output<typeof auditConfigSchema>;

/** The days a class is kept: configured, else the default. */
export function retentionDays(retention: RetentionConfig, dataClass: DataClass): number {
  return retention[dataClass].days ?? DEFAULT_RETENTION_DAYS[dataClass];
}
