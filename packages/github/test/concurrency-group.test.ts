import { describe, expect, it } from 'vitest';
import { createConcurrencyGroup, DEFAULT_MAX_CONCURRENT_REQUESTS } from '../src/index.js';

/** Runs `count` jobs through the group, each held until all have been scheduled; returns the most seen at once. */
async function peakInFlight(group: ReturnType<typeof createConcurrencyGroup>, count: number): Promise<number> {
  let running = 0;
  let peak = 0;
  const gates: (() => void)[] = [];
  const jobs = Array.from({ length: count }, (_, i) =>
    group.key('installation').schedule(
      {},
      async (value: unknown) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
        return value;
      },
      i,
    ),
  );
  // Release jobs one by one as they start, so waiting ones get their turn.
  for (let released = 0; released < count; released++) {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()?.();
  }
  expect(await Promise.all(jobs)).toEqual(Array.from({ length: count }, (_, i) => i));
  return peak;
}

describe('createConcurrencyGroup', () => {
  it('never runs more jobs at once than its limit, and runs every job with its arguments', async () => {
    expect(await peakInFlight(createConcurrencyGroup(3), 12)).toBe(3);
  });

  it("allows GitHub's 100 concurrent requests by default, not the throttling plugin's 10", async () => {
    expect(DEFAULT_MAX_CONCURRENT_REQUESTS).toBe(100);
    expect(await peakInFlight(createConcurrencyGroup(), 40)).toBe(40);
  });

  it('frees the slot of a job that fails', async () => {
    const group = createConcurrencyGroup(1).key('installation');
    await expect(group.schedule({}, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await group.schedule({}, (value: unknown) => value, 'next')).toBe('next');
  });
});
