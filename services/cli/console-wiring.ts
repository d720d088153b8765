import { randomBytes } from 'node:crypto';
import type { PortcullisConfig } from '../common/config.js';
import { readSecretSource } from '../common/secret-source.js';
import type { ConsoleConfig } from '../console/config.js';
import type { ProxyConfig } from '../proxy/config.js';
import type { WorkersOptions } from '../workers/index.js';

/** The decision service the workers replay on and the console shows: replay.decisionUrl, proxy.decisionUrl, else decision.host:port. */
export function decisionServiceUrl(config: PortcullisConfig): string {
  if (config.replay.decisionUrl) return config.replay.decisionUrl;
  if (config.proxy.decisionUrl) return config.proxy.decisionUrl;
  const { host, port } = config.decision;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The decision service's replay and shadow options: the candidate API when `replay.token` is set, the shadow bundle. */
export function decisionReplayOptions(
  config: PortcullisConfig,
  token = config.replay.token && readSecretSource(config.replay.token, 'replay.token'),
) {
  return {
    candidates: token ? { token } : undefined,
    shadow: config.decision.shadow,
  };
}

/**
 * The workers' console and replay options (`npx portcullis workers`, and
 * `npm start` with `extra`): the console signs people in with the proxy's
 * identity providers and reads the decision services of
 * `console.decisionServices` (default: the one configured).
 */
export function workersConsoleOptions(
  config: PortcullisConfig,
  identity: ProxyConfig['identity'],
  extra: { decisionUrl?: string; replayToken?: string; console?: ConsoleConfig } = {},
): Pick<WorkersOptions, 'console' | 'replay'> {
  const decisionUrl = extra.decisionUrl ?? decisionServiceUrl(config);
  const consoleConfig = extra.console ?? config.console;
  return {
    replay: {
      identity,
      decisionUrl,
      auditorGroup: config.audit.api.auditorGroup,
      config: extra.replayToken ? { ...config.replay, token: { value: extra.replayToken } } : config.replay,
    },
    console: consoleConfig.enabled
      ? {
          identity,
          config: consoleConfig,
          adminGroups: config.approvals.adminGroups,
          auditorGroup: config.audit.api.auditorGroup,
          publicUrl: config.approvals.publicUrl,
          bundles: {
            decisionServices: consoleConfig.decisionServices.length
              ? consoleConfig.decisionServices
              : [decisionUrl],
          },
        }
      : undefined,
  };
}

/** A replay token for `npm start` when none is configured: the stack's decision service and workers share it. */
export function runReplayToken(config: PortcullisConfig): string {
  return config.replay.token
    ? readSecretSource(config.replay.token, 'replay.token')
    : `pc_replay_${randomBytes(24).toString('hex')}`;
}

/** A person the development sign-in offers (npm start's demo people). */
export interface DevPerson {
  label: string;
  apiKey: string;
}

/**
 * `npm start` signs people in to the console with the development sign-in
 * (explained on every page and in the banner): the demo people with one
 * click, or any API key the proxy's identity config accepts.
 */
export function withDevSignIn(console: ConsoleConfig, people: DevPerson[]): ConsoleConfig {
  return {
    ...console,
    devSignIn: {
      enabled: true,
      pasteApiKey: true,
      users: [
        ...console.devSignIn.users,
        ...people.map((p) => ({ label: p.label, apiKey: { value: p.apiKey } })),
      ],
    },
  };
}
