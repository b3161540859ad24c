import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CommandIo } from './write-output.js';

/**
 * `parseArgs` for a command. `--help` / `-h` writes `usage` to stdout and gives exit code 0; an
 * unknown or malformed option is written as `labelbot <command>: <why>` followed by `usage`, and
 * gives exit code 2. A number is what the command returns; anything else is the parsed arguments.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(
  command: string,
  usage: string,
  io: CommandIo,
  config: T,
): ReturnType<typeof parseArgs<T>> | number {
  const args = config.args ?? [];
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) {
    io.stdout.write(usage);
    return 0;
  }
  try {
    return parseArgs(config);
  } catch (error) {
    io.stderr.write(`labelbot ${command}: ${(error as Error).message}\n${usage}`);
    return 2;
  }
}
