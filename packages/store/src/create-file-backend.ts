import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Listing, StoreBackend, StoredObject, WriteOptions } from './store-backend.js';
import { PreconditionFailedError, StoreUnavailableError } from './store-errors.js';

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

/** `file:///dir`: generations are nanosecond mtimes; writes go through a temp file and a rename. */
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
      if (options.ifGenerationMatch !== undefined) {
        const current = (await generationOf(file)) ?? '0';
        if (current !== options.ifGenerationMatch) {
          throw new PreconditionFailedError(`${path} is at generation ${current}, not ${options.ifGenerationMatch}`);
        }
      }
      await mkdir(dirname(file), { recursive: true });
      const temp = `${file}.${randomUUID()}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, file);
      return { generation: (await generationOf(file)) ?? '0' };
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
