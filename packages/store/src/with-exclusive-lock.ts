import { open, rm, stat } from 'node:fs/promises';
import { StoreUnavailableError } from './store-errors.js';

/** A lock older than this was left by a writer that died: a locked write takes milliseconds. */
const STALE_LOCK_MS = 10_000;
/** How long a writer waits for another's lock before giving up. */
const LOCK_WAIT_MS = 10_000;
const RETRY_MS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function lockAge(lock: string): Promise<number | null> {
  try {
    return Date.now() - (await stat(lock)).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Runs `critical` while holding `lock`, a file created with O_EXCL (`wx`): of any number of
 * writers, processes or pods sharing the folder, one at a time gets in; the others wait. A lock
 * older than STALE_LOCK_MS is broken (its writer died).
 */
export async function withExclusiveLock<T>(lock: string, critical: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await (await open(lock, 'wx')).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreUnavailableError(`cannot create ${lock}: ${(error as Error).message}`);
      }
    }
    const age = await lockAge(lock);
    if (age !== null && age > STALE_LOCK_MS) await rm(lock, { force: true });
    else if (Date.now() > deadline) {
      throw new StoreUnavailableError(`${lock} is held by another writer; if none is running, delete it`);
    } else await sleep(RETRY_MS);
  }
  try {
    return await critical();
  } finally {
    await rm(lock, { force: true });
  }
}
