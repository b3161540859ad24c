import type { ModelComparison } from './compare-models.js';
import type { EvaluationReport } from './evaluate-predictions.js';
import type { ModelManifest } from './types.js';

/** What the card says about an evaluation: the report plus where it came from. */
export interface CardEvaluation {
  report: EvaluationReport;
  /** Share of issues whose predicted label set equals the gold set exactly. */
  labelSetAccuracy: number;
  /** e.g. `held-out: latest 20% by created_at (from 2024-05-01)` or a test file's name. */
  description: string;
}

export interface ModelCardInput {
  manifest: ModelManifest;
  evaluation: CardEvaluation | null;
  /** Issues per label in the whole training data (before the split). */
  counts?: Record<string, number>;
  /** Labels seen in the data but not trained, and why. */
  excluded?: { label: string; count: number; reason: string; pattern?: string }[];
  comparison?: ModelComparison & { forced?: boolean };
}

const f3 = (x: number) => x.toFixed(3);

function noThresholdReason(manifest: ModelManifest, label: string): string {
  const o = (manifest.training.thresholdOptions ?? {}) as {
    precisionTarget?: number;
    minRecall?: number;
    minSupport?: number;
    slack?: number;
    shareDrop?: number;
  };
  // chooseThresholds does not judge a label with too few validation issues, however well they were ranked.
  const validation = (manifest.training.counts as { validation?: Record<string, number> } | undefined)?.validation;
  const seen = validation?.[label];
  if (o.minSupport !== undefined && seen !== undefined && seen < o.minSupport) {
    return `${seen} validation issue${seen === 1 ? '' : 's'} carry it, fewer than the ${o.minSupport} needed to judge a threshold`;
  }
  const floor =
    o.slack !== undefined && o.precisionTarget !== undefined ? (o.precisionTarget - o.slack).toFixed(2) : null;
  const bound = floor ? `, confidence bound >= ${floor}` : '';
  const drift =
    floor && o.shareDrop !== undefined && o.shareDrop > 1
      ? `, and >= ${floor} were its share of issues to fall ${o.shareDrop}x,`
      : '';
  return `could not reach precision ${o.precisionTarget ?? '?'}${bound}${drift} with recall >= ${o.minRecall ?? '?'} on validation`;
}

/** Renders the bundle's README.md: data, per-label precision/recall/threshold, what is never predicted and why. */
export function renderModelCard(input: ModelCardInput): string {
  const { manifest, evaluation } = input;
  const lines: string[] = [`# Model card: ${manifest.name} ${manifest.version}`, ''];
  lines.push(`- task: ${manifest.task}; ${manifest.labels.length} labels; created ${manifest.createdAt}`);
  lines.push(
    `- featurizer: ${manifest.featurizer.name} v${manifest.featurizer.version}; model.onnx sha256 ${manifest.sha256}`,
  );
  const sources = (manifest.training.sources ?? []) as { file: string; rows: number; sha256: string }[];
  for (const s of sources) lines.push(`- data: ${s.file} (${s.rows} issues, sha256 ${s.sha256.slice(0, 12)})`);
  const split = manifest.training.split as { description?: string } | undefined;
  if (split?.description) lines.push(`- split: ${split.description}`);
  lines.push('', '## Labels', '');
  const report = evaluation?.report;
  if (evaluation) lines.push(`Evaluated on ${evaluation.description} (${evaluation.report.count} issues).`, '');
  lines.push(
    '| label | examples | threshold | precision | recall | F1 | support | predicted |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const label of manifest.labels) {
    const t = manifest.thresholds[label];
    const s = report?.perLabel[label];
    const cells = s ? [f3(s.precision), f3(s.recall), f3(s.f1), s.support, s.predicted] : ['', '', '', '', ''];
    lines.push(
      `| ${label} | ${input.counts?.[label] ?? ''} | ${t === null || t === undefined ? 'none' : f3(t)} | ${cells.join(' | ')} |`,
    );
  }
  if (report && evaluation) {
    lines.push(
      '',
      `micro-F1 ${f3(report.microF1)} · macro-F1 ${f3(report.macroF1)} · label-set accuracy ${f3(evaluation.labelSetAccuracy)}`,
    );
  }
  lines.push('', '## Never predicted', '');
  const never = manifest.labels.filter((l) => manifest.thresholds[l] === null || manifest.thresholds[l] === undefined);
  for (const label of never) lines.push(`- ${label}: no threshold (${noThresholdReason(manifest, label)})`);
  for (const e of input.excluded ?? []) {
    lines.push(`- ${e.label} (${e.count} issues): ${e.reason}${e.pattern ? ` (matches '${e.pattern}')` : ''}`);
  }
  if (never.length === 0 && (input.excluded ?? []).length === 0) lines.push('Every label seen has a threshold.');
  if (input.comparison) lines.push('', ...renderComparison(input.comparison));
  return `${lines.join('\n')}\n`;
}

function renderComparison(c: ModelComparison & { forced?: boolean }): string[] {
  const lines = [`## Compared with the live model ${c.liveVersion}`, ''];
  lines.push(
    `Same ${c.heldOutCount} held-out issues; margin ${c.margin}. Verdict: **${c.verdict}**${c.forced ? ' (published with --force)' : ''}.`,
    '',
  );
  lines.push('| metric | this model | live |', '|---|---:|---:|');
  lines.push(
    `| macro-F1 | ${f3(c.macroF1.candidate)} | ${f3(c.macroF1.live)} |`,
    `| micro-F1 | ${f3(c.microF1.candidate)} | ${f3(c.microF1.live)} |`,
  );
  for (const p of c.precision) lines.push(`| precision ${p.label} | ${f3(p.candidate)} | ${f3(p.live)} |`);
  for (const r of c.regressions) lines.push(`- regression: ${r}`);
  return lines;
}
