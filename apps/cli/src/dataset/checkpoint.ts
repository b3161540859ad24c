import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './write-file-atomic.js';

/** Where the next page starts: a GraphQL cursor or a REST page number. */
export type PageCursor = { api: 'graphql'; after: string | null } | { api: 'rest'; page: number };

/** Progress of an interrupted `dataset build`, enough to resume without repeating a page. */
export interface Checkpoint {
  version: 1;
  repo: string;
  since: string | null;
  next: PageCursor;
  /** Bytes of the partial file that belong to completed pages; anything after is discarded on resume. */
  partBytes: number;
  issues: number;
  total: number | null;
}

/** Reads a checkpoint; `null` when there is none. A checkpoint for other arguments is an error, not a silent restart. */
export async function readCheckpoint(path: string, repo: string, since: string | null): Promise<Checkpoint | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = JSON.parse(text) as Checkpoint;
  } catch {
    throw new Error(`${path}: not a valid checkpoint (malformed JSON); delete it to start over`);
  }
  if (checkpoint.version !== 1 || typeof checkpoint.partBytes !== 'number' || !checkpoint.next) {
    throw new Error(`${path}: not a valid checkpoint; delete it to start over`);
  }
  if (checkpoint.repo !== repo || checkpoint.since !== since) {
    throw new Error(
      `${path}: checkpoint is for --repo ${checkpoint.repo} --since ${checkpoint.since ?? '(none)'}; ` +
        'use the same arguments or delete it to start over',
    );
  }
  return checkpoint;
}

/** Replaces the checkpoint atomically. */
export async function writeCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(checkpoint, null, 2)}\n`);
}
