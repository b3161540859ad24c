import { type EvaluationReport, evaluatePredictions, mapLabel, pickLabels } from '@labelbot/model';
import { writeEvaluationCard } from '../repo-model/write-evaluation-card.js';
import { parseCommandArgs } from './parse-command-args.js';
import { withModel } from './with-model.js';
import { type CommandIo, writeOutput } from './write-output.js';

const USAGE =
  'usage: labelbot evaluate --model DIR|gs://…|file://… --input issues.jsonl [--by repo] [--output report.json] [--card card.md]\n';

/**
 * `labelbot evaluate` — a JSON report of the labels the model would apply (at its thresholds):
 * per-label precision/recall/F1, micro and macro F1, per-repo macro-F1; for a multiclass model
 * also `top1`, the same for the top label alone. Gold labels go through the training label map.
 * Multi-label: also `labelSetAccuracy`. `--card FILE` writes the model card for this input.
 */
export async function run(args: string[], io: CommandIo & { env?: NodeJS.ProcessEnv } = process): Promise<number> {
  const parsed = parseCommandArgs('evaluate', USAGE, io, {
    args,
    strict: true,
    options: {
      model: { type: 'string' },
      input: { type: 'string' },
      by: { type: 'string' },
      output: { type: 'string' },
      card: { type: 'string' },
    },
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.model || !values.input || (values.by !== undefined && values.by !== 'repo')) {
    io.stderr.write(`labelbot evaluate: --model and --input are required; --by takes only "repo"\n${USAGE}`);
    return 2;
  }
  const input = values.input;
  return withModel('evaluate', io, { model: values.model, input }, async (model, issues) => {
    const { manifest } = model;
    const labelMap = ((manifest.training as { labelMap?: Record<string, string> }).labelMap ?? {}) as Record<
      string,
      string
    >;
    const gold = issues.map((issue) => [...new Set(issue.labels.map((l) => mapLabel(labelMap, l)))]);
    const repos = issues.map((issue) => issue.repo);
    const predictions = await model.predict(issues);
    const probabilities = predictions.map((p) => manifest.labels.map((label) => p.scores[label] as number));
    const byRepo = (report: EvaluationReport) => (values.by === 'repo' ? report : { ...report, perRepo: undefined });
    const report: Record<string, unknown> = {
      model: { name: manifest.name, version: manifest.version, task: manifest.task, sha256: manifest.sha256 },
      input,
      ...byRepo(
        evaluatePredictions(
          manifest.labels,
          gold,
          predictions.map((p) => p.labels),
          repos,
        ),
      ),
    };
    const predicted = predictions.map((p) => p.labels);
    const scored = evaluatePredictions(manifest.labels, gold, predicted, repos);
    const setAccuracy = await writeEvaluationCard(values.card, manifest, input, scored, gold, predicted);
    if (manifest.task === 'multilabel') report.labelSetAccuracy = setAccuracy;
    if (manifest.task === 'multiclass') {
      const anyScore = Object.fromEntries(manifest.labels.map((label) => [label, 0]));
      const top1 = probabilities.map((p) => pickLabels({ ...manifest, thresholds: anyScore }, p));
      report.top1 = byRepo(evaluatePredictions(manifest.labels, gold, top1, repos));
    }
    await writeOutput(io, values.output, `${JSON.stringify(report, null, 2)}\n`);
  });
}
