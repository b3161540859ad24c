import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

/** Cloud Logging reads `severity`; pino's numeric `level` alone would show every line as DEFAULT. */
const SEVERITY: Record<string, string> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

export interface CreateLoggerOptions {
  /** pino level name; defaults to `info`. */
  level?: string;
  /** The component (`front`, `worker`, `cli`), stamped on every line. */
  name?: string;
  /** Where lines go; defaults to stdout. Tests pass an in-memory stream. */
  destination?: DestinationStream;
}

/** A pino JSON logger whose lines carry both pino's `level` and Cloud Logging's `severity`. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    base: options.name ? { component: options.name } : null,
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label, number) => ({ level: number, severity: SEVERITY[label] ?? 'DEFAULT' }),
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
