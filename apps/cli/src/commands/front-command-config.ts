import { parseArgs } from 'node:util';
import { type FrontConfig, FrontConfigError, loadFrontConfig } from '@labelbot/front';

/** A configuration error is the operator's to fix: its message and exit code 1; anything else is a bug and is rethrown. */
export function exitOnConfigError(error: unknown): number {
  if (!(error instanceof FrontConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  return 1;
}

/**
 * The start of `labelbot front` and `labelbot dev`: `--help` prints `usage` (exit 0), a bad
 * environment prints why (exit 1); otherwise the front configuration for `mode`.
 */
export function frontCommandConfig(args: string[], usage: string, mode: 'front' | 'dev'): FrontConfig | number {
  const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  try {
    return loadFrontConfig(process.env, { mode });
  } catch (error) {
    return exitOnConfigError(error);
  }
}
