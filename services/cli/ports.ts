import type { PortcullisConfig } from '../common/config.js';
import { PortcullisError } from '../common/errors.js';
import { parsePort } from './options.js';

/** The services `start` runs, in the order it starts them, with how to move each one. */
export const STACK_PORTS = [
  { service: 'demo upstream', option: '--demo-port', key: 'demo', env: 'PORTCULLIS_DEMO_PORT' },
  {
    service: 'decision service',
    option: '--decision-port',
    key: 'decision',
    env: 'PORTCULLIS_DECISION_PORT',
  },
  { service: 'proxy', option: '--proxy-port', key: 'proxy', env: 'PORTCULLIS_PROXY_PORT' },
  { service: 'workers', option: '--workers-port', key: 'workers', env: 'PORTCULLIS_WORKERS_PORT' },
] as const;

export interface StackPortOptions {
  proxyPort?: string;
  decisionPort?: string;
  workersPort?: string;
  demoPort?: string;
}

/** `start --proxy-port …`: the options win over portcullis.yaml and the environment. */
export function applyPortOptions(config: PortcullisConfig, options: StackPortOptions): PortcullisConfig {
  const given = {
    demo: options.demoPort,
    decision: options.decisionPort,
    proxy: options.proxyPort,
    workers: options.workersPort,
  };
  for (const { key, option } of STACK_PORTS) {
    const text = given[key];
    if (text !== undefined) config[key].port = parsePort(text, config[key].port, option);
  }
  return config;
}

interface AddressInUse extends NodeJS.ErrnoException {
  address?: string;
  port?: number;
}

function isAddressInUse(err: unknown): err is AddressInUse {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

function where(err: AddressInUse): string {
  return err.address && err.port !== undefined ? `${err.address}:${err.port}` : `port ${err.port ?? '?'}`;
}

/**
 * `start` could not listen: name the service whose port is taken and how to
 * move it. Several services configured on one port: the later one in start
 * order is the one that failed.
 */
export function explainStackPortConflict(err: unknown, config: PortcullisConfig): unknown {
  if (!isAddressInUse(err)) return err;
  const taken = STACK_PORTS.filter(({ key }) => config[key].port === err.port);
  const entry = taken[taken.length - 1];
  if (!entry) {
    return new PortcullisError('address_in_use', `${where(err)} is already in use`, { cause: err });
  }
  return new PortcullisError(
    'address_in_use',
    `${entry.service}: ${where(err)} is already in use; choose another port with ${entry.option}, ` +
      `${entry.key}.port in portcullis.yaml or ${entry.env} (0 picks a free one)`,
    { cause: err },
  );
}

/**
 * For a command that runs one service: turns "address in use" into an error
 * naming the service and the ways to move it (`--port`, the config key).
 */
export function portConflict(service: string, configKey: string): (err: unknown) => never {
  return (err) => {
    if (!isAddressInUse(err)) throw err;
    throw new PortcullisError(
      'address_in_use',
      `${service}: ${where(err)} is already in use; choose another port with --port or ${configKey} in portcullis.yaml (0 picks a free one)`,
      { cause: err },
    );
  };
}
