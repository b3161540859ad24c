import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Listing, StoreBackend, StoredObject, WriteOptions } from './store-backend.js';
import { PreconditionFailedError, StoreUnavailableError } from './store-errors.js';
import { withExclusiveLock } from './with-exclusive-lock.js';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function generationOf(file: string): Promise<string | null> {
  try {
    return String((await stat(file, { bigint: true })).mtimeNs);
  } catch (error) {
    if (isMissing(error)) return null;
    throw new StoreUnavailableError(`cannot stat ${file}: ${(error as Error).message}`);
  }
}

/**
 * Replaces `file` with `bytes` through a temp file and a rename, dating it at least a millisecond
 * after the file it replaces: file systems stamp mtimes with a coarse clock, and two writes within
 * one tick must not share a generation.
 */
async function replaceFile(file: string, bytes: Uint8Array, previous: string | null): Promise<{ generation: string }> {
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, bytes);
  const previousMs = previous === null ? 0 : Number((BigInt(previous) + 999_999n) / 1_000_000n);
  const seconds = Math.max(Date.now(), previousMs + 1) / 1000;
  await utimes(temp, seconds, seconds);
  await rename(temp, file);
  return { generation: (await generationOf(file)) ?? '0' };
}

/**
 * `file:///dir`: generations are nanosecond mtimes; writes go through a temp file and a rename. A
 * conditional write checks and writes under an exclusive lock file (`FILE.lock`), so of two
 * writers holding the same generation exactly one succeeds, as with Cloud Storage.
 */
export function createFileBackend(dir: string): StoreBackend {
  return {
    url: `file://${dir}`,
    async read(path: string): Promise<StoredObject | null> {
      const file = join(dir, path);
      try {
        const generation = await generationOf(file);
        if (generation === null) return null;
        return { bytes: await readFile(file), generation };
      } catch (error) {
        if (isMissing(error)) return null;
        if (error instanceof StoreUnavailableError) throw error;
        throw new StoreUnavailableError(`cannot read ${file}: ${(error as Error).message}`);
      }
    },
    async write(path: string, bytes: Uint8Array, options: WriteOptions = {}): Promise<{ generation: string }> {
      const file = join(dir, path);
      await mkdir(dirname(file), { recursive: true });
      const expected = options.ifGenerationMatch;
      if (expected === undefined) return replaceFile(file, bytes, await generationOf(file));
      return withExclusiveLock(`${file}.lock`, async () => {
        const current = await generationOf(file);
        if ((current ?? '0') !== expected) {
          throw new PreconditionFailedError(`${path} is at generation ${current ?? '0'}, not ${expected}`);
        }
        return replaceFile(file, bytes, current);
      });
    },
    async list(prefix: string): Promise<Listing> {
      const base = join(dir, prefix);
      try {
        const entries = await readdir(base, { withFileTypes: true });
        const names = entries.filter((entry) => entry.isFile()).map((entry) => `${prefix}${entry.name}`);
        const prefixes = entries.filter((entry) => entry.isDirectory()).map((entry) => `${prefix}${entry.name}/`);
        return { names: names.sort(), prefixes: prefixes.sort() };
      } catch (error) {
        if (isMissing(error)) return { names: [], prefixes: [] };
        throw new StoreUnavailableError(`cannot list ${base}: ${(error as Error).message}`);
      }
    },
  };
}
