// `node scripts/cv-generic.mjs [--idf] [--aux-weight 0.1] [--linear-share 0.5] [--seed 1] [--fold-seed N]
//   [--trainer '{"ensemble":3}'] [--featurizer '{"charNgramWeight":0.5}'] [--folds 0,1,2,3,4] [--train-fraction 0.8]
//   [--joined-title-words 12] [--held-out]`
// (after `npm run build`): 5-fold cross-validation of the generic model's training recipe on the
// 80 % of nlbse24-train that models/generic does not hold out. Folds are stratified by repo and
// label; each fold trains as `labelbot train` does (15 % of its training part for early stopping
// and thresholds); ticket-tagger joins each fold's training part at --aux-weight. --trainer and
// --featurizer pass further options (JSON) to trainBundle. Prints JSON: the mean and per-fold
// per-repo macro-F1 of the top label. --held-out instead trains once as `npm run train:generic`
// does and prints the held-out 20 %'s per-repo macro-F1 (a final check, never a tuning signal).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  loadModelFromBytes,
  prepareExamples,
  readDataset,
  serializeManifest,
  stratifiedSplit,
  trainBundle,
} from '@labelbot/model';
import { assignFolds, heldOutSplit, stratum } from './generic-folds.mjs';

const { values } = parseArgs({
  options: {
    idf: { type: 'boolean', default: false },
    'aux-weight': { type: 'string', default: '0' },
    'linear-share': { type: 'string', default: '0.5' },
    seed: { type: 'string', default: '1' },
    'fold-seed': { type: 'string' },
    trainer: { type: 'string', default: '{}' },
    featurizer: { type: 'string', default: '{}' },
    folds: { type: 'string', default: '0,1,2,3,4' },
    'held-out': { type: 'boolean', default: false },
    'self-train': { type: 'string' },
    'train-fraction': { type: 'string', default: '1' },
    'joined-title-words': { type: 'string', default: '0' },
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
const options = (splits) => ({
  name: 'cv',
  task: 'multiclass',
  labels,
  labelMap,
  seed,
  holdoutFraction: 0.2,
  validationFraction: 0.15,
  featurizer: JSON.parse(values.featurizer),
  trainer: {
    linearShare: Number(values['linear-share']),
    ...(values.idf ? { idf: true } : {}),
    ...JSON.parse(values.trainer),
  },
  sources: [],
  createdAt: '2026-01-01T00:00:00Z',
  joinedTitleWords: Number(values['joined-title-words']),
  ...(splits ? { splits } : {}),
});
// --self-train '{"file":"nlbse23-feature-question-partial.jsonl","weight":0.1,"min":0.6}': after
// a first model, the file's rows it labels as their gold (top label, probability >= min) join the
// training part at `weight` and the model is trained again.
const selfTrain = values['self-train'] ? JSON.parse(values['self-train']) : undefined;
const candidates = selfTrain ? await prepare(selfTrain.file, selfTrain.weight) : [];
async function confident(result) {
  const model = await loadModelFromBytes({ onnx: result.onnx, manifest: serializeManifest(result.manifest) });
  const predictions = await model.predict(candidates);
  await model.release();
  return candidates.filter((issue, i) => {
    const scores = predictions[i].scores;
    const top = labels.reduce((a, b) => (scores[b] > scores[a] ? b : a));
    return top === issue.gold[0] && scores[top] >= selfTrain.min;
  });
}
async function train(issues, splits) {
  const first = trainBundle(issues, options(splits));
  if (!selfTrain) return first;
  const kept = await confident(first);
  trained.push(kept.length);
  if (splits)
    return trainBundle(
      issues,
      options((all) => ({ ...splits(all), train: [...splits(all).train, ...kept] })),
    );
  return trainBundle([...issues, ...kept], options());
}
const trained = [];
if (values['held-out']) {
  const started = Date.now();
  const result = await train([...main, ...auxiliary]);
  console.log(
    JSON.stringify({
      options: values,
      heldOutPerRepoMacroF1: +result.heldOut.top1.perRepoMacroF1.toFixed(4),
      heldOutAtThresholds: +result.heldOut.atThresholds.perRepoMacroF1.toFixed(4),
      onnxBytes: result.onnx.byteLength,
      seconds: (Date.now() - started) / 1000,
      ...(selfTrain ? { selfTrained: trained } : {}),
    }),
  );
  process.exit(0);
}
// The same outer split as train:generic (seed 1): its held-out 20 % is never read here.
const { rest } = heldOutSplit(main);
const fold = assignFolds(rest, values['fold-seed'] ? Number(values['fold-seed']) : undefined);
const folds = [];
const started = Date.now();
for (const f of values.folds.split(',').map(Number)) {
  const test = rest.filter((issue) => fold.get(issue) === f);
  const inner = stratifiedSplit(
    rest.filter((issue) => fold.get(issue) !== f),
    stratum,
    0.15,
    seed + 1,
  );
  // --train-fraction < 1 keeps that stratified share of the fold's training part (a learning curve).
  const fraction = Number(values['train-fraction']);
  const kept = fraction < 1 ? stratifiedSplit(inner.rest, stratum, fraction, seed + 2).part : inner.rest;
  const result = await train([], () => ({ train: [...kept, ...auxiliary], validation: inner.part, test }));
  folds.push(result.heldOut.top1.perRepoMacroF1);
}
const mean = folds.reduce((a, b) => a + b, 0) / folds.length;
const spread = Math.sqrt(folds.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, folds.length - 1));
console.log(
  JSON.stringify({
    options: values,
    cvPerRepoMacroF1: +mean.toFixed(4),
    spread: +spread.toFixed(4),
    folds: folds.map((x) => +x.toFixed(3)),
    seconds: (Date.now() - started) / 1000,
    ...(selfTrain ? { selfTrained: trained } : {}),
  }),
);
