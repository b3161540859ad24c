import { rename, writeFile } from 'node:fs/promises';

/** Where a command writes (process by default; tests pass their own). */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Writes a command's whole output at once: to stdout, or to `file` via a temporary name (never half a file). */
export async function writeOutput(io: CommandIo, file: string | undefined, text: string): Promise<void> {
  if (!file || file === '-') {
    io.stdout.write(text);
    return;
  }
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}
