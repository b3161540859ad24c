import { describe, expect, it } from 'vitest';
import { createKeySerialiser } from '../src/create-key-serialiser.js';

describe('key serialiser', () => {
  it('runs tasks of one key in arrival order, one at a time, past a failure; other keys alongside', async () => {
    const serialiser = createKeySerialiser();
    const serialize = <T>(key: string, job: () => Promise<T>) => serialiser.run(key, job);
    const events: string[] = [];
    const gates = new Map<string, () => void>();
    const task =
      (name: string, fail = false) =>
      () =>
        new Promise<string>((resolve, reject) => {
          events.push(`start ${name}`);
          gates.set(name, () => {
            events.push(`end ${name}`);
            if (fail) reject(new Error(name));
            else resolve(name);
          });
        });
    const a1 = serialize('a', task('a1', true));
    const a2 = serialize('a', task('a2'));
    const b1 = serialize('b', task('b1'));
    await Promise.resolve();
    await Promise.resolve();
    expect(events).toEqual(['start a1', 'start b1']);
    gates.get('a1')?.();
    await expect(a1).rejects.toThrow('a1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['start a1', 'start b1', 'end a1', 'start a2']);
    gates.get('a2')?.();
    gates.get('b1')?.();
    expect(await Promise.all([a2, b1])).toEqual(['a2', 'b1']);
  });
});
