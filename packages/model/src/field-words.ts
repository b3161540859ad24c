/**
 * The distinct words of one field with their counts, in first-occurrence order: a small
 * open-addressing table keyed by the word's hash (checked against the word itself), reused
 * across fields and issues; `reset` empties it in O(1) by moving to a new stamp.
 */
export class FieldWords {
  readonly words: string[] = [];
  readonly counts: number[] = [];
  private keys = new Int32Array(1024);
  private slotIndex = new Int32Array(1024);
  private stamps = new Int32Array(1024);
  private stamp = 0;

  /** Empties the table, sized for up to `tokens` distinct words. */
  reset(tokens: number): void {
    this.words.length = 0;
    this.counts.length = 0;
    if (tokens * 2 > this.keys.length) {
      let size = this.keys.length;
      while (size < tokens * 2) size *= 2;
      this.keys = new Int32Array(size);
      this.slotIndex = new Int32Array(size);
      this.stamps = new Int32Array(size);
      this.stamp = 0;
    }
    if (this.stamp === 0x7fffffff) {
      // Stamps are int32: start over rather than wrap (after two billion fields).
      this.stamps.fill(0);
      this.stamp = 0;
    }
    this.stamp++;
  }

  /** Counts one occurrence of `word`, whose hash is `key`. */
  add(word: string, key: number): void {
    const mask = this.keys.length - 1;
    let slot = key & mask;
    while (this.stamps[slot] === this.stamp) {
      const index = this.slotIndex[slot] as number;
      if (this.keys[slot] === key && this.words[index] === word) {
        this.counts[index] = (this.counts[index] as number) + 1;
        return;
      }
      slot = (slot + 1) & mask;
    }
    this.stamps[slot] = this.stamp;
    this.keys[slot] = key;
    this.slotIndex[slot] = this.words.length;
    this.words.push(word);
    this.counts.push(1);
  }
}
