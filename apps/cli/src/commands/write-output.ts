import { rename, writeFile } from 'node:fs/promises';

/** Writes a command's whole output at once: to stdout, or to `file` via a temporary name (never half a file). */
export async function writeOutput(file: string | undefined, text: string): Promise<void> {
  if (!file || file === '-') {
    process.stdout.write(text);
    return;
  }
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}
