/** Progress reporting; the CLI draws a bar on a terminal and stays silent otherwise. */
export type Progress = (done: number, total: number | null) => void;

/** A one-line bar redrawn in place on `stream`, or a no-op when the stream is not a TTY. */
export function createProgressBar(
  stream: { write(text: string): unknown; isTTY?: boolean },
  label: string,
): { update: Progress; done(): void } {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let drawn = false;
  return {
    update(done, total) {
      const width = 30;
      const ratio = total ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * width);
      const bar = total ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
      stream.write(`\r${label} ${bar}${done}${total ? `/${total}` : ''} issues`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
