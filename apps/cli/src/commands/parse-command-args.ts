import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CommandIo } from './write-output.js';

/**
 * `parseArgs` for a command: an unknown or malformed option is written as
 * `labelbot <command>: <why>` followed by `usage`, and gives `undefined` (the caller exits 2).
 */
export function parseCommandArgs<T extends ParseArgsConfig>(
  command: string,
  usage: string,
  io: CommandIo,
  config: T,
): ReturnType<typeof parseArgs<T>> | undefined {
  try {
    return parseArgs(config);
  } catch (error) {
    io.stderr.write(`labelbot ${command}: ${(error as Error).message}\n${usage}`);
    return undefined;
  }
}
