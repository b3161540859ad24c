/** Runs jobs one at a time per key; different keys run side by side. */
export interface KeySerialiser {
  /** Runs `job` once every job queued before it under `key` has settled; resolves or rejects as `job` does. */
  run<T>(key: string, job: () => Promise<T>): Promise<T>;
}

/**
 * A per-key queue of promises (only keys with work queued are kept). The concurrency group in
 * `concurrency-group.ts` bounds requests in flight for all keys together and cannot order one key's work; this
 * keeps two deliveries about one issue from reading and writing it at the same time in one process.
 */
export function createKeySerialiser(): KeySerialiser {
  const tails = new Map<string, Promise<void>>();
  return {
    run(key, job) {
      const result = (tails.get(key) ?? Promise.resolve()).then(job);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
