// Repository models on ../shared/datasets/repos: time split (latest 20% held out), per-label table.
// Run `npm run bench:repos` (builds first). Prints one JSON document; exits 0 even when targets are missed.
// `node bench/repos.mjs --inner [name…]` drops each set's latest 20% first and splits the rest the same
// way: the place to compare training choices without ever looking at the held-out issues.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataset, timeSplit } from '@labelbot/model';
import { scoreIssues } from '../apps/cli/dist/repo-model/score-issues.js';
import { trainRepoModel } from '../apps/cli/dist/repo-model/train-repo-model.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '..', 'shared', 'datasets', 'repos');
const PRECISION_FLOOR = 0.7;
const MANY = 50;

if (!existsSync(dir)) {
  console.log(JSON.stringify({ skipped: `no datasets at ../shared/datasets/repos (relative to the repository root)` }));
  process.exit(0);
}
const inner = process.argv.includes('--inner');
const only = process.argv.slice(2).filter((a) => a !== '--inner');
const results = [];
for (const file of readdirSync(dir).filter(
  (f) => f.endsWith('.jsonl') && (only.length === 0 || only.some((o) => f.includes(o))),
)) {
  const all = await readDataset(join(dir, file));
  const issues = inner ? timeSplit(all, 0.2, 0).train : all;
  const started = process.hrtime.bigint();
  const { bundle, selection, evaluation, holdout } = await trainRepoModel(issues, {
    name: issues[0]?.repo ?? file,
    seed: 1,
    selection: {},
    sources: [{ file, rows: issues.length, sha256: '' }],
    createdAt: new Date().toISOString(),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { thresholds } = bundle.manifest;
  const perLabel = evaluation?.report.perLabel ?? {};
  const [scores = []] = await scoreIssues(bundle, [holdout]);
  const labels = bundle.manifest.labels.map((label, j) => {
    const s = perLabel[label];
    const threshold = thresholds[label] ?? null;
    return {
      label,
      examples: selection.counts[label],
      // What the model could learn from: a label born in the held-out period cannot get a threshold.
      examplesBeforeHoldout: selection.counts[label] - holdout.filter((issue) => issue.labels.includes(label)).length,
      threshold: threshold === null ? null : Number(threshold.toFixed(3)),
      precision: s ? Number(s.precision.toFixed(3)) : null,
      recall: s ? Number(s.recall.toFixed(3)) : null,
      heldOutSupport: s?.support ?? 0,
      heldOutPredicted: s?.predicted ?? 0,
      // Ranking quality whatever the threshold: mean precision at each held-out issue carrying the label.
      heldOutAveragePrecision: Number(
        averagePrecision(
          scores.map((row) => row[j]),
          holdout.map((issue) => issue.labels.includes(label)),
        ).toFixed(3),
      ),
    };
  });
  const many = labels.filter((l) => l.examples >= MANY);
  const withThreshold = labels.filter((l) => l.threshold !== null);
  const belowFloor = withThreshold.filter((l) => l.heldOutPredicted > 0 && l.precision < PRECISION_FLOOR);
  results.push({
    file,
    issues: issues.length,
    heldOut: evaluation?.report.count ?? 0,
    excluded: selection.excluded.filter((e) => e.count >= MANY).map((e) => `${e.label} (${e.count}, ${e.reason})`),
    seconds: Number(seconds.toFixed(1)),
    trainingSeconds: Number(bundle.trainingSeconds.toFixed(1)),
    macroF1: Number((evaluation?.report.macroF1 ?? 0).toFixed(3)),
    microF1: Number((evaluation?.report.microF1 ?? 0).toFixed(3)),
    labelSetAccuracy: Number((evaluation?.labelSetAccuracy ?? 0).toFixed(3)),
    meanAveragePrecisionOfThoseWithAtLeast50: Number(
      (many.reduce((sum, l) => sum + l.heldOutAveragePrecision, 0) / Math.max(1, many.length)).toFixed(3),
    ),
    targets: {
      labelsWithAtLeast50: many.length,
      ofThoseWithAtLeast50BeforeHoldout: many.filter((l) => l.examplesBeforeHoldout >= MANY).length,
      ofThoseWithThreshold: many.filter((l) => l.threshold !== null).length,
      halfOfThemThresholded: many.filter((l) => l.threshold !== null).length * 2 >= many.length,
      thresholdedBelowPrecision07: belowFloor.map((l) => l.label),
    },
    labels,
  });
}
const split = inner
  ? 'time, latest 20% dropped, then the latest 20% of the rest held out'
  : 'time, latest 20% held out';
console.log(JSON.stringify({ bench: 'repos', split, results }, null, 2));

function averagePrecision(scores, positive) {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let hits = 0;
  let sum = 0;
  order.forEach((i, rank) => {
    if (!positive[i]) return;
    hits += 1;
    sum += hits / (rank + 1);
  });
  return hits === 0 ? 0 : sum / hits;
}
