import type { EvaluationReport } from './evaluate-predictions.js';

/** How much worse a candidate may be before publishing refuses it (the one place for this default). */
export const DEFAULT_REGRESSION_MARGIN = 0.05;
/** A label's precision is compared only when the candidate applied it this often on the held-out set. */
export const MIN_PREDICTIONS_TO_COMPARE = 5;

export interface ModelComparison {
  /** `worse` blocks a publish unless forced. */
  verdict: 'better' | 'same' | 'worse';
  /** Why the candidate counts as worse, one line each (empty otherwise). */
  regressions: string[];
  margin: number;
  heldOutCount: number;
  macroF1: { candidate: number; live: number };
  microF1: { candidate: number; live: number };
  /** Labels that keep a threshold in both models. */
  precision: { label: string; candidate: number; live: number; candidatePredicted: number }[];
  candidateVersion: string;
  liveVersion: string;
}

/**
 * Compares a candidate with the live model on the same held-out issues. The candidate is worse when
 * its macro-F1 drops by more than `margin`, or when a label that keeps a threshold in both loses
 * more than `margin` of precision (judged only where the candidate applied it often enough to tell).
 */
export function compareModels(
  candidate: { version: string; report: EvaluationReport; thresholds: Record<string, number | null> },
  live: { version: string; report: EvaluationReport; thresholds: Record<string, number | null> },
  margin = DEFAULT_REGRESSION_MARGIN,
): ModelComparison {
  const regressions: string[] = [];
  const macro = { candidate: candidate.report.macroF1, live: live.report.macroF1 };
  if (macro.candidate < macro.live - margin) {
    regressions.push(`macro-F1 ${macro.candidate.toFixed(3)} < live ${macro.live.toFixed(3)} - margin ${margin}`);
  }
  const precision: ModelComparison['precision'] = [];
  for (const [label, threshold] of Object.entries(candidate.thresholds)) {
    if (threshold === null || live.thresholds[label] === null || live.thresholds[label] === undefined) continue;
    const c = candidate.report.perLabel[label];
    const l = live.report.perLabel[label];
    if (!c || !l) continue;
    precision.push({ label, candidate: c.precision, live: l.precision, candidatePredicted: c.predicted });
    if (c.predicted >= MIN_PREDICTIONS_TO_COMPARE && c.precision < l.precision - margin) {
      regressions.push(
        `precision of '${label}' ${c.precision.toFixed(3)} < live ${l.precision.toFixed(3)} - margin ${margin}`,
      );
    }
  }
  const verdict = regressions.length > 0 ? 'worse' : macro.candidate > macro.live + margin ? 'better' : 'same';
  return {
    verdict,
    regressions,
    margin,
    heldOutCount: candidate.report.count,
    macroF1: macro,
    microF1: { candidate: candidate.report.microF1, live: live.report.microF1 },
    precision,
    candidateVersion: candidate.version,
    liveVersion: live.version,
  };
}
