// `node scripts/fasttext-baseline.mjs [--seeds 10] [--cv-seeds 5]` (after `npm run build`, with Debian's
// `fasttext` installed): the reference the generic model is compared with. Debian's fastText 0.9.2
// (`-epoch 25 -lr 0.5 -wordNgrams 2`, the setting of the NLBSE'24 reference figure; one thread, so a
// seed fixes the run) trained on nlbse24-train's title and body, scored on the same splits as
// scripts/cv-generic.mjs: the held-out 20 % (one run per seed) and the 5 folds of the rest. Prints
// JSON: per-repo macro-F1 of the top label.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluatePredictions, prepareExamples, readDataset } from '@labelbot/model';
import { assignFolds, heldOutSplit } from './generic-folds.mjs';

const { values } = parseArgs({
  options: { seeds: { type: 'string', default: '10' }, 'cv-seeds': { type: 'string', default: '5' } },
});
const labels = ['bug', 'feature', 'question'];
const file = join(process.cwd(), '..', 'shared', 'datasets', 'generic', 'nlbse24-train.jsonl');
const main = prepareExamples(await readDataset(file), 'multiclass', labels, { enhancement: 'feature' }).issues;
const { heldOut, rest } = heldOutSplit(main);
const fold = assignFolds(rest);
const dir = mkdtempSync(join(tmpdir(), 'labelbot-fasttext-'));

/** fastText's input line: label, then title and body on one line. */
const line = (issue, withLabel) =>
  `${withLabel ? `__label__${issue.gold[0]} ` : ''}${`${issue.title} ${issue.body}`.replace(/\s+/g, ' ').trim()}`;

function fasttext(args) {
  const run = spawnSync('fasttext', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.error) throw new Error(`fasttext could not run (apt-get install fasttext): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`fasttext ${args[0]} failed: ${run.stderr}`);
  return run.stdout;
}

function score(train, test, seed) {
  writeFileSync(join(dir, 'train.txt'), `${train.map((i) => line(i, true)).join('\n')}\n`);
  writeFileSync(join(dir, 'test.txt'), `${test.map((i) => line(i, false)).join('\n')}\n`);
  const model = join(dir, 'model');
  fasttext(
    ['supervised', '-input', join(dir, 'train.txt'), '-output', model, '-epoch', '25', '-lr', '0.5'].concat([
      '-wordNgrams',
      '2',
      '-thread',
      '1',
      '-seed',
      String(seed),
      '-verbose',
      '0',
    ]),
  );
  const predicted = fasttext(['predict', `${model}.bin`, join(dir, 'test.txt')])
    .trim()
    .split('\n')
    .map((l) => [l.replace('__label__', '')]);
  const gold = test.map((i) => i.gold);
  return evaluatePredictions(
    labels,
    gold,
    predicted,
    test.map((i) => i.repo),
  ).perRepoMacroF1;
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x) => +x.toFixed(4);
const seeds = (n) => Array.from({ length: Number(n) }, (_, i) => i + 1);
try {
  const held = seeds(values.seeds).map((seed) => score(rest, heldOut, seed));
  const cv = seeds(values['cv-seeds']).map((seed) =>
    mean(
      [0, 1, 2, 3, 4].map((f) =>
        score(
          rest.filter((i) => fold.get(i) !== f),
          rest.filter((i) => fold.get(i) === f),
          seed,
        ),
      ),
    ),
  );
  console.log(
    JSON.stringify({
      fasttext: '-epoch 25 -lr 0.5 -wordNgrams 2 -thread 1',
      heldOutPerRepoMacroF1: { mean: round(mean(held)), bySeed: held.map(round) },
      cvPerRepoMacroF1: { mean: round(mean(cv)), bySeed: cv.map(round) },
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
