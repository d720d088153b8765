import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { approvalsConfigSchema } from '../approvals/config.js';
import { auditConfigSchema } from '../audit/config.js';
import { consoleConfigSchema } from '../console/config.js';
import { shadowConfigSchema } from '../decision/shadow/config.js';
import { replayConfigSchema } from '../replay/config.js';
import { proxyConfigSchema } from '../proxy/config.js';
import { describeIssue } from './config-errors.js';
import { PortcullisError } from './errors.js';
import { LOG_FORMATS } from './logger.js';
import { DEFAULT_SHUTDOWN } from './shutdown.js';

/**
 * portcullis.yaml. Every field has a default so the stack runs with no file
 * at all; environment variables (listed in README) override the file.
 */
const port = z.number().int().min(0).max(65535);

export const configSchema = z
  .object({
    /** Redis for queues and approvals. @defaultValue redis://127.0.0.1:6379 */
    redis: z
      .object({
        url: z.string().default('redis://127.0.0.1:6379'),
        /** Prefix of every key and queue this deployment owns. */
        prefix: z.string().min(1).default('portcullis'),
        /** Start a local redis-server from PATH when none answers (npm start only). */
        autostart: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        /** json or pretty. @defaultValue pretty for `start` at a terminal, json otherwise */
        format: z.enum(LOG_FORMATS).optional(),
      })
      .strict()
      .prefault({}),
    telemetry: z
      .object({
        /** OTLP/HTTP traces endpoint; no export when absent. */
        otlpEndpoint: z.string().url().optional(),
        serviceName: z.string().default('portcullis'),
      })
      .strict()
      .prefault({}),
    decision: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: port.default(8181),
        /** Bundle sources: .tar.gz files, bundle directories or http(s) bundle-server URLs. */
        bundles: z.array(z.string()).default([]),
        /** Largest request body accepted, in bytes. @defaultValue 1 MiB */
        maxInputBytes: z
          .number()
          .int()
          .positive()
          .default(1024 * 1024),
        /** Key every bundle must be signed with (PEM public key or HS256 secret). */
        verification: z
          .object({
            key: z.string().min(1),
            algorithm: z.enum(['RS256', 'ES256', 'HS256']).default('RS256'),
            scope: z.string().optional(),
            keyId: z.string().optional(),
          })
          .strict()
          .optional(),
        /** Evaluation worker threads. @defaultValue the number of cores */
        workers: z.number().int().positive().optional(),
        /** Longest an evaluation may take. @defaultValue 2000 */
        evalTimeoutMs: z.number().int().positive().default(2000),
        /** Read Rego sources of bundles that declare no rego_version as Rego v0 (OPA's --v0-compatible). */
        v0Compatible: z.boolean().default(false),
        /** A shadow bundle every decision is also compared with (docs/POLICY.md, Shadow bundles). */
        shadow: shadowConfigSchema.optional(),
      })
      .strict()
      .prefault({}),
    /** The enforcement proxy (services/proxy/config.ts documents every field). */
    proxy: proxyConfigSchema.prefault({}),
    /** Approvals and grants: rules, reviewers' directory, Slack and email (services/approvals/config.ts). */
    approvals: approvalsConfigSchema.prefault({}),
    /** The audit trail: transport, spool, sinks, retention, read API (services/audit/config.ts). */
    audit: auditConfigSchema.prefault({}),
    /** The web console at /console on the workers (services/console/config.ts, docs/CONSOLE.md). */
    console: consoleConfigSchema.prefault({}),
    /** Decision replay against candidate bundles (services/replay/config.ts, docs/POLICY.md). */
    replay: replayConfigSchema.prefault({}),
    workers: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: port.default(8282),
      })
      .strict()
      .prefault({}),
    demo: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: port.default(8383),
      })
      .strict()
      .prefault({}),
    /** On SIGTERM/SIGINT: stop accepting, drain, flush, close (docs/OPERATIONS.md). */
    shutdown: z
      .object({
        /** Longest wait for the requests in flight. @defaultValue 10000 */
        drainTimeoutMs: z.number().int().nonnegative().default(DEFAULT_SHUTDOWN.drainTimeoutMs),
        /** Longest wait for each flush hook (queues, spools). @defaultValue 5000 */
        flushTimeoutMs: z.number().int().nonnegative().default(DEFAULT_SHUTDOWN.flushTimeoutMs),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type PortcullisConfig = z.infer<typeof configSchema>;

/** Environment variables that override a config key (path in the YAML). */
const ENV_OVERRIDES: Record<string, { path: string[]; kind: 'string' | 'number' | 'boolean' | 'list' }> = {
  REDIS_URL: { path: ['redis', 'url'], kind: 'string' },
  PORTCULLIS_REDIS_PREFIX: { path: ['redis', 'prefix'], kind: 'string' },
  PORTCULLIS_LOG_LEVEL: { path: ['log', 'level'], kind: 'string' },
  PORTCULLIS_LOG_FORMAT: { path: ['log', 'format'], kind: 'string' },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: { path: ['telemetry', 'otlpEndpoint'], kind: 'string' },
  PORTCULLIS_DECISION_HOST: { path: ['decision', 'host'], kind: 'string' },
  PORTCULLIS_DECISION_PORT: { path: ['decision', 'port'], kind: 'number' },
  PORTCULLIS_DECISION_BUNDLES: { path: ['decision', 'bundles'], kind: 'list' },
  PORTCULLIS_PROXY_HOST: { path: ['proxy', 'host'], kind: 'string' },
  PORTCULLIS_PROXY_PORT: { path: ['proxy', 'port'], kind: 'number' },
  PORTCULLIS_DECISION_URL: { path: ['proxy', 'decisionUrl'], kind: 'string' },
  PORTCULLIS_WORKERS_HOST: { path: ['workers', 'host'], kind: 'string' },
  PORTCULLIS_WORKERS_PORT: { path: ['workers', 'port'], kind: 'number' },
  PORTCULLIS_DEMO_HOST: { path: ['demo', 'host'], kind: 'string' },
  PORTCULLIS_DEMO_PORT: { path: ['demo', 'port'], kind: 'number' },
  PORTCULLIS_DATA_DIR: { path: ['audit', 'dataDir'], kind: 'string' },
  PORTCULLIS_DRAIN_TIMEOUT_MS: { path: ['shutdown', 'drainTimeoutMs'], kind: 'number' },
};

export const ENV_OVERRIDE_NAMES = Object.keys(ENV_OVERRIDES);

function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): void {
  for (const [name, { path, kind }] of Object.entries(ENV_OVERRIDES)) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    let value: unknown = text;
    if (kind === 'number') {
      value = Number(text);
      if (!Number.isInteger(value)) {
        throw new PortcullisError('config_invalid', `${name}: "${text}" is not an integer`);
      }
    } else if (kind === 'boolean') value = text === 'true' || text === '1';
    else if (kind === 'list')
      value = text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    let node = raw;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      node[key] = next && typeof next === 'object' ? next : {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
}

function describeIssues(error: z.ZodError, raw: unknown, source: string): string {
  return error.issues.flatMap((issue) => describeIssue(issue, raw, source, configSchema)).join('\n');
}

/**
 * Loads and validates the configuration: the YAML file (if any), then the
 * environment overrides. Throws `config_invalid` naming the key, the value
 * and what was expected.
 */
export function loadConfig(options: { file?: string; env?: NodeJS.ProcessEnv } = {}): PortcullisConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.PORTCULLIS_CONFIG;
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new PortcullisError(
        'config_unreadable',
        `${file}: cannot read config file: ${(err as Error).message}`,
      );
    }
    let parsed: unknown;
    try {
      parsed = parseYaml(text);
    } catch (err) {
      throw new PortcullisError('config_invalid', `${file}: not valid YAML: ${(err as Error).message}`);
    }
    if (parsed !== null && parsed !== undefined) {
      if (typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new PortcullisError('config_invalid', `${file}: the top level must be a mapping`);
      }
      raw = parsed as Record<string, unknown>;
    }
  }
  applyEnv(raw, env);
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new PortcullisError('config_invalid', describeIssues(result.error, raw, file ?? 'config'));
  }
  return result.data;
}
