import type { Command } from 'commander';
import { loadConfig, type PortcullisConfig } from '../common/config.js';
import { PortcullisError } from '../common/errors.js';
import { createLogger, defaultLogFormat, type Logger } from '../common/logger.js';
import { DEFAULT_SHUTDOWN, shutDownOnSignal } from '../common/shutdown.js';

export interface ServiceCommandOptions {
  config?: string;
  port?: string;
}

/** Adds the `--config` and `--port` options every service command takes. */
export function withServiceOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'portcullis.yaml to read (default: $PORTCULLIS_CONFIG)')
    .option('-p, --port <n>', 'port to listen on (0 = any free port)');
}

export function parsePort(text: string | undefined, fallback: number, option = '--port'): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PortcullisError('invalid_argument', `${option}: "${text}" is not a port number (0-65535)`);
  }
  return port;
}

export function configFor(options: ServiceCommandOptions): PortcullisConfig {
  return loadConfig({ file: options.config });
}

/**
 * The logger a command writes with: `log.level` and `log.format` from the
 * configuration; with no format configured, `start` (a person at a
 * terminal) gets pretty lines on a TTY and every other command JSON lines.
 */
export function loggerFor(config: PortcullisConfig, service?: string, command = service): Logger {
  const format = config.log.format ?? (command === 'start' ? defaultLogFormat() : 'json');
  return createLogger({ level: config.log.level, service, format });
}

/**
 * On SIGINT/SIGTERM, once: stop accepting, drain the requests in flight,
 * run the registered flush hooks, then `close`, and exit 0
 * (services/common/shutdown.ts; time limits from `shutdown:`).
 */
export function closeOnSignal(close: () => Promise<void>, config?: PortcullisConfig, logger?: Logger): void {
  shutDownOnSignal(close, config?.shutdown ?? DEFAULT_SHUTDOWN, logger);
}
