import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileBackend, PreconditionFailedError } from '../src/index.js';
import { withExclusiveLock } from '../src/with-exclusive-lock.js';

describe('file:// backend', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'labelbot-file-backend-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives every write a new generation, however fast they follow each other', async () => {
    const backend = createFileBackend(dir);
    const generations = new Set<string>();
    let generation = (await backend.write('o/r/LATEST', Buffer.from('v0\n'), { ifGenerationMatch: '0' })).generation;
    generations.add(generation);
    for (let i = 1; i <= 50; i += 1) {
      ({ generation } = await backend.write('o/r/LATEST', Buffer.from(`v${i}\n`), { ifGenerationMatch: generation }));
      generations.add(generation);
    }
    expect(generations.size).toBe(51);
    expect((await backend.read('o/r/LATEST'))?.generation).toBe(generation);
  });

  it('breaks a lock left by a writer that died, and leaves no lock behind', async () => {
    const backend = createFileBackend(dir);
    await mkdir(join(dir, 'o', 'dead'), { recursive: true });
    const lock = join(dir, 'o', 'dead', 'LATEST.lock');
    await writeFile(lock, '');
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo);
    await backend.write('o/dead/LATEST', Buffer.from('v1\n'), { ifGenerationMatch: '0' });
    await expect(
      backend.write('o/dead/LATEST', Buffer.from('v2\n'), { ifGenerationMatch: '0' }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await readdir(join(dir, 'o', 'dead'))).toEqual(['LATEST']);
  });

  it('lets one writer at a time in when several find the same stale lock', async () => {
    for (let trial = 0; trial < 20; trial++) {
      const lockDir = join(dir, 'locks', String(trial));
      await mkdir(lockDir, { recursive: true });
      const lock = join(lockDir, 'LATEST.lock');
      await writeFile(lock, '');
      const longAgo = new Date(Date.now() - 60_000);
      await utimes(lock, longAgo, longAgo);
      let inside = 0;
      let most = 0;
      await Promise.all(
        Array.from({ length: 8 }, () =>
          withExclusiveLock(lock, async () => {
            inside++;
            most = Math.max(most, inside);
            await new Promise((resolve) => setTimeout(resolve, 10));
            inside--;
          }),
        ),
      );
      expect(most).toBe(1);
      expect(await readdir(lockDir)).toEqual([]);
    }
  });

  it('of writers racing on a stale lock with the same generation, exactly one wins', async () => {
    const backend = createFileBackend(dir);
    for (let trial = 0; trial < 20; trial++) {
      const key = `race/r${trial}/LATEST`;
      await mkdir(join(dir, 'race', `r${trial}`), { recursive: true });
      const lock = join(dir, `${key}.lock`);
      await writeFile(lock, '');
      const longAgo = new Date(Date.now() - 60_000);
      await utimes(lock, longAgo, longAgo);
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => backend.write(key, Buffer.from(`v${i}\n`), { ifGenerationMatch: '0' })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    }
  });
});
