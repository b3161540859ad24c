/** Precision, recall and F1 of one label. */
export interface LabelScores {
  precision: number;
  recall: number;
  f1: number;
  /** Gold examples with the label. */
  support: number;
  /** Examples predicted with the label. */
  predicted: number;
}

export interface EvaluationReport {
  count: number;
  perLabel: Record<string, LabelScores>;
  microF1: number;
  /** Mean F1 over labels present in the gold or the predictions. */
  macroF1: number;
  /** Per repository: macro-F1 over the labels present there (gold or predicted). */
  perRepo: Record<string, { count: number; macroF1: number }>;
  /** Mean of the per-repository macro-F1 values, over repositories where some label is present. */
  perRepoMacroF1: number;
}

/** Evaluates predicted label sets against gold label sets (same order), over `labels` only. */
export function evaluatePredictions(
  labels: string[],
  gold: string[][],
  predicted: string[][],
  repos?: string[],
): EvaluationReport {
  const { labelsPresent: _all, ...overall } = countLabels(
    labels,
    gold,
    predicted,
    gold.map((_, i) => i),
  );
  const perRepo: EvaluationReport['perRepo'] = {};
  const repoScores: number[] = [];
  if (repos) {
    const byRepo = new Map<string, number[]>();
    repos.forEach((repo, i) => {
      const rows = byRepo.get(repo);
      if (rows) rows.push(i);
      else byRepo.set(repo, [i]);
    });
    for (const repo of [...byRepo.keys()].sort()) {
      const rows = byRepo.get(repo) as number[];
      const { macroF1, labelsPresent } = countLabels(labels, gold, predicted, rows);
      perRepo[repo] = { count: rows.length, macroF1 };
      // No label gold or predicted there: nothing to score, not a score of 0.
      if (labelsPresent > 0) repoScores.push(macroF1);
    }
  }
  return { count: gold.length, ...overall, perRepo, perRepoMacroF1: mean(repoScores) };
}

function countLabels(labels: string[], gold: string[][], predicted: string[][], rows: number[]) {
  const perLabel: Record<string, LabelScores> = {};
  let tpAll = 0;
  let fpAll = 0;
  let fnAll = 0;
  const present: number[] = [];
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const i of rows) {
      const g = (gold[i] as string[]).includes(label);
      const p = (predicted[i] as string[]).includes(label);
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perLabel[label] = { precision, recall, f1, support: tp + fn, predicted: tp + fp };
    if (tp + fn + fp > 0) present.push(f1);
    tpAll += tp;
    fpAll += fp;
    fnAll += fn;
  }
  const microF1 = tpAll === 0 ? 0 : (2 * tpAll) / (2 * tpAll + fpAll + fnAll);
  return { perLabel, microF1, macroF1: mean(present), labelsPresent: present.length };
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
