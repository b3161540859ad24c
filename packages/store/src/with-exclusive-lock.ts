import { randomUUID } from 'node:crypto';
import { open, readFile, rm, stat, utimes } from 'node:fs/promises';
import { StoreUnavailableError } from './store-errors.js';

/** A lock not refreshed for this long was left by a writer that died (a holder refreshes it every third of it). */
const STALE_LOCK_MS = 10_000;
/** How long a writer waits for another's lock before giving up. */
const LOCK_WAIT_MS = 10_000;
const RETRY_MS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The lock's inode and age, or null when there is none. */
async function lockState(lock: string): Promise<{ ino: number; age: number } | null> {
  try {
    const s = await stat(lock);
    return { ino: s.ino, age: Date.now() - s.mtimeMs };
  } catch {
    return null;
  }
}

/**
 * Breaks a stale lock under a second lock (`LOCK.break`, O_EXCL): one breaker at a time re-checks
 * that the lock is still the stale one it saw, and only then removes it, so a fresh lock taken
 * meanwhile is never removed. A break lock left by a breaker that died is removed once stale.
 */
async function breakStaleLock(lock: string, staleIno: number): Promise<void> {
  const breaking = `${lock}.break`;
  try {
    await (await open(breaking, 'wx')).close();
  } catch {
    const other = await lockState(breaking);
    if (other !== null && other.age > STALE_LOCK_MS) await rm(breaking, { force: true });
    return;
  }
  try {
    const now = await lockState(lock);
    if (now !== null && now.ino === staleIno && now.age > STALE_LOCK_MS) await rm(lock, { force: true });
  } finally {
    await rm(breaking, { force: true });
  }
}

/**
 * Runs `critical` while holding `lock`, a file created with O_EXCL (`wx`) holding a token of its
 * holder: of any number of writers, processes or pods sharing the folder, one at a time gets in;
 * the others wait. The holder refreshes the lock's time while it works; a lock not refreshed for
 * STALE_LOCK_MS is broken (its writer died). A holder removes only its own lock.
 */
export async function withExclusiveLock<T>(lock: string, critical: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  const token = randomUUID();
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(token);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreUnavailableError(`cannot create ${lock}: ${(error as Error).message}`);
      }
    }
    const state = await lockState(lock);
    if (state !== null && state.age > STALE_LOCK_MS) await breakStaleLock(lock, state.ino);
    else if (Date.now() > deadline) {
      throw new StoreUnavailableError(`${lock} is held by another writer; if none is running, delete it`);
    } else await sleep(RETRY_MS);
  }
  const refresh = setInterval(() => {
    const now = new Date();
    utimes(lock, now, now).catch(() => {});
  }, STALE_LOCK_MS / 3);
  refresh.unref();
  try {
    return await critical();
  } finally {
    clearInterval(refresh);
    const holder = await readFile(lock, 'utf8').catch(() => null);
    if (holder === token) await rm(lock, { force: true });
  }
}
