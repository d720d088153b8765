import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout. Every service gets a child with its name;
 * request handlers get a child carrying the request id (see http.ts).
 */
export function createLogger(
  options: { level?: string; service?: string; destination?: NodeJS.WritableStream } = {},
): Logger {
  const config: LoggerOptions = {
    level: options.level ?? process.env.PORTCULLIS_LOG_LEVEL ?? 'info',
    base: options.service ? { service: options.service } : {},
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.credential'],
      censor: '[redacted]',
    },
  };
  return options.destination ? pino(config, options.destination as pino.DestinationStream) : pino(config);
}
