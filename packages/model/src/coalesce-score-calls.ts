import type { Features } from './featurize.js';

/**
 * Runs are cut from rows sorted by feature count: at most MAX_BATCH rows and MAX_CELLS padded
 * cells each — padding a 50-feature issue to the width of a 5,000-feature one would make ONNX
 * gather 100 times the rows it needs.
 */
const MAX_BATCH = 64;
const MAX_CELLS = 1 << 16;

type RunBatch = (batch: Features[]) => Promise<Float32Array[]>;

interface Pending {
  rows: Features[];
  resolve: (scores: Float32Array[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the `score` calls made during one turn of the event loop (a webhook front handles
 * several deliveries per turn, each asking for one issue) and scores them together, in runs of
 * similar width. A session run has a fixed cost of tens of microseconds, so one run for eight
 * issues costs about what two runs for one issue each did. Each caller gets its own rows back,
 * in order; a failed run fails only the callers whose rows it held.
 */
export function coalesceScoreCalls(run: RunBatch): RunBatch {
  let pending: Pending[] = [];
  const flush = async (): Promise<void> => {
    const calls = pending;
    pending = [];
    const rows = calls.flatMap((call, c) => call.rows.map((features, r) => ({ features, c, r })));
    rows.sort((a, b) => a.features.ids.length - b.features.ids.length);
    const results = calls.map((call) => new Array<Float32Array>(call.rows.length));
    const failed = new Map<number, unknown>();
    for (let start = 0; start < rows.length; ) {
      let end = start + 1;
      while (
        end < rows.length &&
        end - start < MAX_BATCH &&
        (end - start + 1) * (rows[end] as (typeof rows)[number]).features.ids.length <= MAX_CELLS
      ) {
        end++;
      }
      const slice = rows.slice(start, end);
      try {
        const scored = await run(slice.map((row) => row.features));
        slice.forEach((row, k) => {
          (results[row.c] as Float32Array[])[row.r] = scored[k] as Float32Array;
        });
      } catch (error) {
        for (const row of slice) if (!failed.has(row.c)) failed.set(row.c, error);
      }
      start = end;
    }
    calls.forEach((call, c) => {
      if (failed.has(c)) call.reject(failed.get(c));
      else call.resolve(results[c] as Float32Array[]);
    });
  };
  return (batch) => {
    if (batch.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      if (pending.length === 0) setImmediate(() => void flush());
      pending.push({ rows: batch, resolve, reject });
    });
  };
}
