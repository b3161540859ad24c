// `node scripts/cv-generic.mjs [--idf] [--aux-weight 0.1] [--linear-share 0.5] [--seed 1] [--fold-seed N]`
// (after `npm run build`): 5-fold cross-validation of the generic model's training recipe on the
// 80 % of nlbse24-train that models/generic does not hold out. Folds are stratified by repo and
// label; each fold trains as `labelbot train` does (15 % of its training part for early stopping
// and thresholds); ticket-tagger joins each fold's training part at --aux-weight. Prints JSON:
// the mean and per-fold per-repo macro-F1 of the top label.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareExamples, readDataset, stratifiedSplit, trainBundle } from '@labelbot/model';

const { values } = parseArgs({
  options: {
    idf: { type: 'boolean', default: false },
    'aux-weight': { type: 'string', default: '0' },
    'linear-share': { type: 'string', default: '0.5' },
    seed: { type: 'string', default: '1' },
    'fold-seed': { type: 'string' },
  },
});
const data = join(process.cwd(), '..', 'shared', 'datasets', 'generic');
const labels = ['bug', 'feature', 'question'];
const labelMap = { enhancement: 'feature' };
const seed = Number(values.seed);
const auxWeight = Number(values['aux-weight']);
const prepare = async (file, weight) =>
  prepareExamples(
    (await readDataset(join(data, file))).map((issue) => ({ ...issue, weight })),
    'multiclass',
    labels,
    labelMap,
  ).issues;
const main = await prepare('nlbse24-train.jsonl', 1);
const auxiliary = auxWeight > 0 ? await prepare('tickettagger-rebalanced.jsonl', auxWeight) : [];
const stratum = (issue) => `${issue.repo}|${issue.gold.join(',')}`;
// The same outer split as train:generic (seed 1): its held-out 20 % is never read here.
const { rest } = stratifiedSplit(main, stratum, 0.2, 1);
const ordered = values['fold-seed'] ? shuffled(rest, Number(values['fold-seed'])) : rest;
const fold = new Map();
const seen = new Map();
for (const issue of ordered) {
  const k = seen.get(stratum(issue)) ?? 0;
  seen.set(stratum(issue), k + 1);
  fold.set(issue, k % 5);
}
const folds = [];

/** Another partition into folds: a seeded Fisher-Yates shuffle (mulberry32) before dealing. */
function shuffled(items, foldSeed) {
  let state = Math.imul(foldSeed, 2654435761) >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
for (let f = 0; f < 5; f++) {
  const test = rest.filter((issue) => fold.get(issue) === f);
  const inner = stratifiedSplit(
    rest.filter((issue) => fold.get(issue) !== f),
    stratum,
    0.15,
    seed + 1,
  );
  const result = trainBundle([], {
    name: 'cv',
    task: 'multiclass',
    labels,
    labelMap,
    seed,
    holdoutFraction: 0.2,
    validationFraction: 0.15,
    trainer: { linearShare: Number(values['linear-share']), ...(values.idf ? { idf: true } : {}) },
    sources: [],
    createdAt: '2026-01-01T00:00:00Z',
    splits: () => ({ train: [...inner.rest, ...auxiliary], validation: inner.part, test }),
  });
  folds.push(result.heldOut.top1.perRepoMacroF1);
}
const mean = folds.reduce((a, b) => a + b, 0) / folds.length;
console.log(
  JSON.stringify({ options: values, cvPerRepoMacroF1: +mean.toFixed(4), folds: folds.map((x) => +x.toFixed(3)) }),
);
