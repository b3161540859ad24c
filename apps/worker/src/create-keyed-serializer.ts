/** Runs a task after every earlier task of the same key has settled; resolves or rejects as the task does. */
export type KeyedSerializer = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/**
 * Tasks that share a key run one after another in arrival order; tasks of different keys run
 * concurrently. A key is forgotten once its last task settles, so memory follows what is in flight.
 */
export function createKeyedSerializer(): KeyedSerializer {
  const tails = new Map<string, Promise<void>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task);
    const tail = run.then(
      () => {},
      () => {},
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
