import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { DatasetError, type DatasetIssue, parseDataset, type Task, trainBundle, writeBundle } from '@labelbot/model';
import { MULTILABEL_FLAGS, trainMultilabel } from '../repo-model/train-multilabel.js';
import { parseCommandArgs } from './parse-command-args.js';
import { trainFlagProblems } from './train-flag-problems.js';
import type { CommandIo } from './write-output.js';

const USAGE = `usage: labelbot train --input a.jsonl [--input b.jsonl …] --out DIR
  [--task multiclass|multilabel] [--labels bug,feature,question] [--map enhancement=feature]
  [--input-weights 1,0.3] [--precision-target 0.8] [--seed N] [--holdout 0.2] [--validation 0.15] [--name NAME]
  [--train-on-held-out] (multiclass: measure on the held-out part, then ship a model trained on it too)
  [--joined-title-words N] (multiclass: an issue with an empty title has its body's first N words read as its title)
  [--min-count N] [--exclude 'glob,glob'] [--keep-unlabelled] [--share-drop 2]
      (multilabel: repository model, time split, thresholds that survive drift, card)
  [--created-at ISO-TIME] [--dim N] [--epochs N] [--lr X] [--buckets N] [--ensemble K] [--linear-share X] [--refit] [--idf]
  [--nb-linear X] [--nb-labels X] [--nb-bag X] [--bagging] (--bagging: multiclass only)
`;

/** `labelbot train` — trains a bundle from JSONL datasets and writes model.onnx + manifest.json. */
export async function run(args: string[], io: CommandIo = process): Promise<number> {
  const parsed = parse(args, io);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.input?.length || !values.out) {
    io.stderr.write(`labelbot train: --input and --out are required\n${USAGE}`);
    return 2;
  }
  const task = values.task as Task;
  if (task !== 'multiclass' && task !== 'multilabel') {
    io.stderr.write(`labelbot train: --task must be multiclass or multilabel\n`);
    return 2;
  }
  // Repository models take only the numeric trainer settings (they always refit and scale by IDF):
  // --bagging would be dropped without a word, so it is refused like the other multiclass-only flags.
  const multiclassOnly = ['train-on-held-out', 'joined-title-words', 'bagging'] as const;
  const misplaced = multiclassOnly.filter((flag) => values[flag] !== undefined);
  if (task === 'multilabel' && misplaced.length > 0) {
    io.stderr.write(`labelbot train: ${misplaced.map((f) => `--${f}`).join(', ')} apply to --task multiclass only\n`);
    return 2;
  }
  // The multiclass trainer has no label selection or drift margin: these would be silently ignored.
  const multilabelOnly = Object.keys(MULTILABEL_FLAGS) as (keyof typeof MULTILABEL_FLAGS)[];
  const needMultilabel = multilabelOnly.filter((flag) => values[flag] !== undefined);
  if (task === 'multiclass' && needMultilabel.length > 0) {
    const flags = needMultilabel.map((f) => `--${f}`).join(', ');
    io.stderr.write(`labelbot train: ${flags} ${needMultilabel.length === 1 ? 'needs' : 'need'} --task multilabel\n`);
    return 2;
  }
  const outOfRange = [...fractionProblems(values), ...trainFlagProblems(values)];
  if (outOfRange.length > 0) {
    io.stderr.write(`labelbot train: ${outOfRange.join('; ')}\n`);
    return 2;
  }
  const issues: DatasetIssue[] = [];
  const sources: { file: string; rows: number; sha256: string; weight: number }[] = [];
  // An empty entry is no weight (Number('') would make it 0: an input silently left out).
  const inputWeights = (values['input-weights']?.split(',') ?? []).map((w) =>
    w.trim() === '' ? Number.NaN : Number(w),
  );
  if (inputWeights.some((w) => !(w >= 0)) || (inputWeights.length > 0 && inputWeights.length !== values.input.length)) {
    io.stderr.write('labelbot train: --input-weights needs one number >= 0 per --input, in order\n');
    return 2;
  }
  try {
    for (const [index, file] of values.input.entries()) {
      const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        throw new DatasetError(`${file}: cannot read (${error.code ?? error.message})`);
      });
      const rows = parseDataset(bytes.toString('utf8'), file);
      const weight = inputWeights[index] ?? 1;
      issues.push(...rows.map((row) => ({ ...row, weight })));
      const name = relative(process.cwd(), file).split('\\').join('/');
      sources.push({ file: name, rows: rows.length, sha256: createHash('sha256').update(bytes).digest('hex'), weight });
    }
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    io.stderr.write(`labelbot train: ${error.message}\n`);
    return 1;
  }
  const labelMap = Object.fromEntries(
    (values.map ?? [])
      .flatMap((m) => m.split(','))
      .map((pair) => pair.split('=').map((s) => s.trim()) as [string, string]),
  );
  const number = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${value}"`);
    return n;
  };
  const trainer = Object.fromEntries(
    Object.entries({
      dim: number('dim', values.dim),
      epochs: number('epochs', values.epochs),
      learningRate: number('lr', values.lr),
      ensemble: number('ensemble', values.ensemble),
      linearShare: number('linear-share', values['linear-share']),
      refit: values.refit,
      idf: values.idf,
      nbLinear: number('nb-linear', values['nb-linear']),
      nbLabels: number('nb-labels', values['nb-labels']),
      nbBag: number('nb-bag', values['nb-bag']),
      bagging: values.bagging,
    }).filter(([, v]) => v !== undefined),
  );
  const buckets = number('buckets', values.buckets);
  if (task === 'multilabel') {
    return trainMultilabel(
      issues,
      {
        out: values.out,
        name: values.name ?? 'model',
        seed: number('seed', values.seed) ?? 1,
        ...(values.labels ? { labels: values.labels.split(',').map((l) => l.trim()) } : {}),
        labelMap,
        precisionTarget: number('precision-target', values['precision-target']),
        holdoutFraction: number('holdout', values.holdout),
        validationFraction: number('validation', values.validation),
        minCount: values['min-count'],
        exclude: values.exclude,
        keepUnlabelled: values['keep-unlabelled'],
        shareDrop: values['share-drop'],
        trainer,
        buckets,
        sources,
        createdAt: values['created-at'] ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      },
      io,
    );
  }
  const result = trainBundle(issues, {
    name: values.name ?? 'model',
    task,
    ...(values.labels ? { labels: values.labels.split(',').map((l) => l.trim()) } : {}),
    labelMap,
    seed: number('seed', values.seed) ?? 1,
    holdoutFraction: number('holdout', values.holdout) ?? 0.2,
    validationFraction: number('validation', values.validation) ?? 0.15,
    thresholds: { precisionTarget: number('precision-target', values['precision-target']) ?? 0.8 },
    ...(buckets ? { featurizer: { buckets } } : {}),
    trainer,
    sources,
    createdAt: values['created-at'] ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    trainOnHeldOut: values['train-on-held-out'],
    joinedTitleWords: number('joined-title-words', values['joined-title-words']),
  });
  await writeBundle(values.out, result);
  const summary = {
    out: values.out,
    labels: result.manifest.labels,
    thresholds: result.manifest.thresholds,
    sha256: result.manifest.sha256,
    onnxBytes: result.onnx.byteLength,
    trainingSeconds: result.trainingSeconds,
    heldOut: result.heldOut && summarize(result.heldOut.top1 ?? result.heldOut.atThresholds),
    heldOutAtThresholds: result.heldOut && summarize(result.heldOut.atThresholds),
  };
  io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return 0;
}

function summarize(report: { count: number; microF1: number; macroF1: number; perRepoMacroF1: number }) {
  return {
    count: report.count,
    microF1: report.microF1,
    macroF1: report.macroF1,
    perRepoMacroF1: report.perRepoMacroF1,
  };
}

function parse(args: string[], io: CommandIo) {
  return parseCommandArgs('train', USAGE, io, {
    args,
    strict: true,
    options: {
      input: { type: 'string', multiple: true },
      'input-weights': { type: 'string' },
      'train-on-held-out': { type: 'boolean' },
      'joined-title-words': { type: 'string' },
      out: { type: 'string' },
      task: { type: 'string', default: 'multiclass' },
      labels: { type: 'string' },
      map: { type: 'string', multiple: true },
      'precision-target': { type: 'string' },
      seed: { type: 'string' },
      holdout: { type: 'string' },
      validation: { type: 'string' },
      name: { type: 'string' },
      'created-at': { type: 'string' },
      dim: { type: 'string' },
      epochs: { type: 'string' },
      lr: { type: 'string' },
      ensemble: { type: 'string' },
      'linear-share': { type: 'string' },
      refit: { type: 'boolean' },
      idf: { type: 'boolean' },
      'nb-linear': { type: 'string' },
      'nb-labels': { type: 'string' },
      'nb-bag': { type: 'string' },
      bagging: { type: 'boolean' },
      buckets: { type: 'string' },
      ...MULTILABEL_FLAGS,
    },
  });
}

/** What is wrong with the fraction flags: each in its range, and the two held-back shares leaving data to train on. */
function fractionProblems(values: { 'precision-target'?: string; holdout?: string; validation?: string }): string[] {
  const problems: string[] = [];
  const check = (flag: keyof typeof values, ok: (x: number) => boolean, range: string) => {
    const given = values[flag];
    // An empty value is no number (Number('') would make it 0: no holdout, silently).
    if (given !== undefined && !(given.trim() !== '' && ok(Number(given))))
      problems.push(`--${flag} must be a number with ${range}, got "${given}"`);
  };
  check('precision-target', (p) => p > 0 && p <= 1, '0 < p <= 1');
  check('holdout', (f) => f >= 0 && f < 1, '0 <= f < 1');
  check('validation', (f) => f >= 0 && f < 1, '0 <= f < 1');
  if (problems.length === 0 && Number(values.holdout ?? 0) + Number(values.validation ?? 0) >= 1)
    problems.push('--holdout and --validation together must leave issues to train on (sum < 1)');
  return problems;
}
