import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { traceMixin } from './log-trace.js';

export type { Logger };

/** `json`: one JSON object per line (for log shippers); `pretty`: coloured, human-readable lines. */
export type LogFormat = 'json' | 'pretty';
export const LOG_FORMATS = ['json', 'pretty'] as const;

export interface LoggerSettings {
  /** fatal error warn info debug trace silent. @defaultValue $PORTCULLIS_LOG_LEVEL, else info */
  level?: string;
  /** Written as `service` on every line. */
  service?: string;
  /** @defaultValue json */
  format?: LogFormat;
  /** Where lines go. @defaultValue stdout */
  destination?: NodeJS.WritableStream;
}

/**
 * The format a command uses when the configuration names none: `pretty` for
 * a person at a terminal (`npm start`), `json` wherever logs are collected.
 */
export function defaultLogFormat(stream: { isTTY?: boolean } = process.stdout): LogFormat {
  return stream.isTTY ? 'pretty' : 'json';
}

/**
 * A pino destination that turns each JSON line into pino-pretty's text
 * synchronously, in this thread: nothing is left in a transport worker when
 * the process exits after a signal.
 */
function prettyDestination(out: NodeJS.WritableStream): DestinationStream {
  const prettify = prettyFactory({
    colorize: (out as { isTTY?: boolean }).isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  return { write: (line: string) => void out.write(prettify(line)) };
}

/**
 * Structured logs on stdout. Every service gets a child with its name;
 * request handlers get a child carrying the request id (see http.ts and
 * request-id.ts). Levels are written by name (`"level":"info"`), which log
 * tools read without pino's numeric table.
 */
export function createLogger(options: LoggerSettings = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? process.env.PORTCULLIS_LOG_LEVEL ?? 'info',
    base: options.service ? { service: options.service } : {},
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: traceMixin,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.credential'],
      censor: '[redacted]',
    },
  };
  const out = options.destination ?? process.stdout;
  if (options.format === 'pretty') return pino(config, prettyDestination(out));
  return options.destination ? pino(config, options.destination as DestinationStream) : pino(config);
}
