import { readFile, writeFile } from 'node:fs/promises';
import { ForwardingConflictError, type ForwardingSnapshot, type ForwardingSource } from './forwarding-source.js';

/**
 * `forwarded_repo.yaml` as a local file. The version is the content itself: a write first re-reads
 * the file and refuses if anyone changed it meanwhile. The file is rewritten in place (not renamed
 * over) so a symlinked file stays a symlink.
 */
export function fileForwardingSource(path: string): ForwardingSource {
  const description = `file ${path}`;
  return {
    description,
    async read(): Promise<ForwardingSnapshot> {
      const text = await readFile(path, 'utf8');
      return { text, version: text };
    },
    async write(text: string, version: string): Promise<ForwardingSnapshot> {
      const now = await readFile(path, 'utf8');
      if (now !== version) throw new ForwardingConflictError(description, 'its content differs');
      await writeFile(path, text, 'utf8');
      return { text, version: text };
    },
  };
}
