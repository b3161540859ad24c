/**
 * Sums weights per feature id without a Map: a dense scratch array the size of the id space plus
 * the list of ids touched, in first-touch order (so the output order is deterministic). Reused
 * across calls; `drain` resets only what was touched.
 */
export class FeatureAccumulator {
  private readonly sums: Float64Array;
  private readonly seen: Uint8Array;
  private touched = new Int32Array(1024);
  private size = 0;
  /** buckets - 1 when buckets is a power of two (then `&` is the modulo), else -1. */
  private readonly mask: number;

  constructor(readonly buckets: number) {
    this.sums = new Float64Array(buckets);
    this.seen = new Uint8Array(buckets);
    this.mask = (buckets & (buckets - 1)) === 0 ? buckets - 1 : -1;
  }

  /** Adds `weight` to the id of `hash`, a 32-bit hash as unsigned or signed integer. */
  add(hash: number, weight: number): void {
    const id = this.mask >= 0 ? hash & this.mask : (hash >>> 0) % this.buckets;
    if (this.seen[id] === 0) {
      this.seen[id] = 1;
      if (this.size === this.touched.length) {
        const grown = new Int32Array(this.size * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.size++] = id;
    }
    this.sums[id] = (this.sums[id] as number) + weight;
  }

  get count(): number {
    return this.size;
  }

  /** The ids and their summed weights, in first-touch order; leaves the accumulator empty. */
  drain(): { ids: Int32Array; sums: Float64Array } {
    const ids = this.touched.slice(0, this.size);
    const sums = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const id = ids[i] as number;
      sums[i] = this.sums[id] as number;
      this.sums[id] = 0;
      this.seen[id] = 0;
    }
    this.size = 0;
    return { ids, sums };
  }
}
