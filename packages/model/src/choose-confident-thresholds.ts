/** The one place for the repository-model threshold defaults. */
export const DEFAULT_CONFIDENT_THRESHOLD_OPTIONS = {
  /** Precision a label must reach on validation to be predicted at all. */
  precisionTarget: 0.8,
  /** The lower confidence bound of that precision must also clear `precisionTarget - slack`. */
  slack: 0.1,
  /** z of the Wilson bound (1 ≈ 84% one-sided): a few lucky hits do not earn a threshold. */
  z: 1,
  /** Share of the label's validation issues it must still find at the threshold. */
  minRecall: 0.1,
};

export type ConfidentThresholdOptions = typeof DEFAULT_CONFIDENT_THRESHOLD_OPTIONS;

/** Lower Wilson score bound of a proportion `hits / n`. */
export function wilsonLowerBound(hits: number, n: number, z: number): number {
  if (n === 0) return 0;
  const p = hits / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return (centre - spread) / (1 + z2 / n);
}

export interface LabelThreshold {
  threshold: number | null;
  /** At the threshold, on validation (what the card shows). */
  precision: number;
  recall: number;
  predicted: number;
  support: number;
}

/**
 * Per label, the lowest score cut on validation whose precision reaches the target AND whose Wilson
 * lower bound clears `target - slack`, keeping at least `minRecall` recall; otherwise no threshold
 * (never predicted). Small validation sets thus need more evidence, not luck, to predict a label.
 */
export function chooseConfidentThresholds(
  labels: readonly string[],
  scores: ArrayLike<number>[],
  gold: readonly (readonly string[])[],
  options: Partial<ConfidentThresholdOptions> = {},
): Record<string, LabelThreshold> {
  const o = { ...DEFAULT_CONFIDENT_THRESHOLD_OPTIONS, ...options };
  const out: Record<string, LabelThreshold> = {};
  labels.forEach((label, j) => {
    const rows = scores.map((s, i) => ({ score: s[j] as number, positive: (gold[i] ?? []).includes(label) }));
    rows.sort((a, b) => b.score - a.score);
    const support = rows.filter((r) => r.positive).length;
    let best: LabelThreshold = { threshold: null, precision: 0, recall: 0, predicted: 0, support };
    let tp = 0;
    rows.forEach((row, k) => {
      if (row.positive) tp += 1;
      if (rows[k + 1]?.score === row.score) return;
      const n = k + 1;
      const precision = tp / n;
      const recall = support === 0 ? 0 : tp / support;
      const confident = precision >= o.precisionTarget && wilsonLowerBound(tp, n, o.z) >= o.precisionTarget - o.slack;
      if (confident && recall >= o.minRecall) best = { threshold: row.score, precision, recall, predicted: n, support };
    });
    out[label] = best;
  });
  return out;
}
