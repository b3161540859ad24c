/** The one place for the repository-model threshold defaults. */
export const DEFAULT_CONFIDENT_THRESHOLD_OPTIONS = {
  /** Precision a label must reach on validation to be predicted at all. */
  precisionTarget: 0.8,
  /** The lower confidence bound of that precision must also clear `precisionTarget - slack`. */
  slack: 0.1,
  /** z of the Wilson bounds (1 ≈ 84% one-sided): a few lucky hits do not earn a threshold. */
  z: 1,
  /** Share of the label's validation issues it must still find at the threshold. */
  minRecall: 0.1,
  /**
   * Labels drift: precision must stay >= `precisionTarget - slack` even if the label's share of
   * issues falls to its lowest share in the validation slices divided by this (1: no margin).
   */
  shareDrop: 2,
  /** Consecutive time slices the validation period is cut into to measure the label's share. */
  slices: 2,
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
  /** The share of issues the drift check assumed (lowest slice share / shareDrop). */
  driftShare: number;
  /** Precision at the threshold were the label's share to fall to `driftShare`. */
  driftPrecision: number;
}

/** Lowest share of issues carrying `label` among `slices` consecutive slices of time-ordered `gold`. */
export function lowestSliceShare(gold: readonly (readonly string[])[], label: string, slices: number): number {
  const parts = Math.max(1, Math.min(slices, gold.length));
  let lowest = Number.POSITIVE_INFINITY;
  for (let p = 0; p < parts; p++) {
    const slice = gold.slice(Math.floor((p * gold.length) / parts), Math.floor(((p + 1) * gold.length) / parts));
    lowest = Math.min(lowest, slice.filter((labels) => labels.includes(label)).length / Math.max(1, slice.length));
  }
  return Number.isFinite(lowest) ? lowest : 0;
}

/**
 * Per label, the lowest score cut on validation (issues in time order, oldest first) that is
 * precise enough with evidence, and stays precise if the label becomes rarer; otherwise no
 * threshold (never predicted). A cut must have: precision >= target; its Wilson lower bound >=
 * target - slack; recall >= minRecall; and precision >= target - slack when recomputed (from the
 * cut's recall and the upper bound of its false-positive rate) at the label's lowest share in
 * `slices` consecutive validation slices divided by `shareDrop`. The last rule is what keeps
 * thresholds honest on newer issues: a label whose share falls loses precision at a fixed cut.
 */
export function chooseConfidentThresholds(
  labels: readonly string[],
  scores: ArrayLike<number>[],
  gold: readonly (readonly string[])[],
  options: Partial<ConfidentThresholdOptions> = {},
): Record<string, LabelThreshold> {
  const o = { ...DEFAULT_CONFIDENT_THRESHOLD_OPTIONS, ...options };
  const floor = o.precisionTarget - o.slack;
  const out: Record<string, LabelThreshold> = {};
  labels.forEach((label, j) => {
    const rows = scores.map((s, i) => ({ score: s[j] as number, positive: (gold[i] ?? []).includes(label) }));
    rows.sort((a, b) => b.score - a.score);
    const support = rows.filter((r) => r.positive).length;
    const negatives = rows.length - support;
    const driftShare = lowestSliceShare(gold, label, o.slices) / Math.max(1, o.shareDrop);
    const none = { threshold: null, precision: 0, recall: 0, predicted: 0, support, driftShare, driftPrecision: 0 };
    let best: LabelThreshold = none;
    let tp = 0;
    rows.forEach((row, k) => {
      if (row.positive) tp += 1;
      if (rows[k + 1]?.score === row.score) return;
      const n = k + 1;
      const precision = tp / n;
      const recall = support === 0 ? 0 : tp / support;
      const fpRateBound = negatives === 0 ? 0 : 1 - wilsonLowerBound(negatives - (n - tp), negatives, o.z);
      const found = recall * driftShare;
      const driftPrecision = found === 0 ? 0 : found / (found + fpRateBound * (1 - driftShare));
      const confident =
        precision >= o.precisionTarget &&
        wilsonLowerBound(tp, n, o.z) >= floor &&
        recall >= o.minRecall &&
        driftPrecision >= floor;
      if (confident)
        best = { threshold: row.score, precision, recall, predicted: n, support, driftShare, driftPrecision };
    });
    out[label] = best;
  });
  return out;
}
