import type { Express } from 'express';
import type { AuditStore } from '../audit/store/store.js';
import { readSecretSource } from '../common/secret-source.js';
import { proxyConfigSchema, type ProxyConfigInput } from '../proxy/config.js';
import { replayConfigSchema, type ReplayConfigInput } from '../replay/config.js';
import { CandidateClient } from '../replay/decision-client.js';
import { createCallerAuth } from './api/caller-auth.js';
import { mountReplayRoutes } from './api/replay-routes.js';

export interface ReplayWorkersOptions {
  /** `replay:` of portcullis.yaml. @defaultValue every default (off: no token) */
  config?: ReplayConfigInput;
  /** Who may call the API: the proxy's identity providers. */
  identity: ProxyConfigInput['identity'];
  /** The decision service that evaluates candidates, when `replay.decisionUrl` names none. */
  decisionUrl?: string;
  /** The group allowed to replay, when `replay.group` names none. @defaultValue auditors */
  auditorGroup?: string;
  /** @defaultValue Date.now */
  now?: () => number;
}

/** The replay API of the workers (`POST /v1/replay`): the rules live in services/replay/. */
export function replayApi(
  options: ReplayWorkersOptions,
  store: () => Promise<AuditStore | undefined>,
): { mount(app: Express): void } {
  const config = replayConfigSchema.parse(options.config ?? {});
  const decisionUrl = config.decisionUrl ?? options.decisionUrl;
  const client =
    config.token && decisionUrl
      ? new CandidateClient(decisionUrl, readSecretSource(config.token, 'replay.token'))
      : undefined;
  const callerAuth = createCallerAuth(proxyConfigSchema.parse({ identity: options.identity }).identity);
  return {
    mount(app) {
      mountReplayRoutes(app, {
        callerAuth,
        group: config.group ?? options.auditorGroup ?? 'auditors',
        config,
        store,
        client,
        now: options.now,
      });
    },
  };
}
