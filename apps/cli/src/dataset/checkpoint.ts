import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './write-file-atomic.js';

/** Where the next page starts: a GraphQL cursor or a REST page number. */
export type PageCursor = { api: 'graphql'; after: string | null } | { api: 'rest'; page: number };

/** Progress of an interrupted `dataset build`, enough to resume without repeating a page. */
export interface Checkpoint {
  version: 1;
  repo: string;
  since: string | null;
  /** Issues per page: a REST cursor is a page number, which means other issues at another page size. */
  pageSize: number;
  /**
   * The `--api` the build started with (`next.api` is the one in use: REST after an `auto` fallback).
   * Absent in checkpoints of older labelbots: read as `auto`, the command's default then and now.
   */
  api: PageCursor['api'] | 'auto';
  next: PageCursor;
  /** Bytes of the partial file that belong to completed pages; anything after is discarded on resume. */
  partBytes: number;
  issues: number;
  total: number | null;
}

/** The arguments a build was started with; `pageSize` is `undefined` when not given (the checkpoint's is reused). */
export interface CheckpointArguments {
  repo: string;
  since: string | null;
  pageSize: number | undefined;
  api: Checkpoint['api'];
}

/** Reads a checkpoint; `null` when there is none. A checkpoint for other arguments is an error, not a silent restart. */
export async function readCheckpoint(
  files: { checkpoint: string; part: string },
  args: CheckpointArguments,
): Promise<Checkpoint | null> {
  const { repo, since } = args;
  const path = files.checkpoint;
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
  if (typeof checkpoint.pageSize !== 'number') {
    throw new Error(`${path}: checkpoint does not record its page size (an older labelbot); delete it to start over`);
  }
  if (checkpoint.repo !== repo || checkpoint.since !== since) {
    throw new Error(
      `${path}: checkpoint is for --repo ${checkpoint.repo} --since ${checkpoint.since ?? '(none)'}; ` +
        'use the same arguments or delete it to start over',
    );
  }
  if (args.pageSize !== undefined && args.pageSize !== checkpoint.pageSize) {
    throw new Error(
      `${path}: checkpoint was written with --page-size ${checkpoint.pageSize}, not ${args.pageSize}; ` +
        'rerun with that page size (or without --page-size) or delete it to start over',
    );
  }
  // The cursor belongs to the API the build started with: resuming under another would silently keep that one.
  const api = checkpoint.api ?? 'auto';
  if (args.api !== api) {
    throw new Error(
      `${path}: checkpoint was written with --api ${api}, not ${args.api}; ` +
        `rerun with --api ${api}, or delete it and ${files.part} to start over with --api ${args.api}`,
    );
  }
  return { ...checkpoint, api };
}

/** Replaces the checkpoint atomically. */
export async function writeCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(checkpoint, null, 2)}\n`);
}
