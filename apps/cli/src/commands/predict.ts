import { parseCommandArgs } from './parse-command-args.js';
import { withModel } from './with-model.js';
import { type CommandIo, writeOutput } from './write-output.js';

const USAGE =
  'usage: labelbot predict --model DIR|gs://…|file://… --input issues.jsonl [--output out.jsonl] [--min-confidence X]\n';

/** `labelbot predict` — one JSON line per input line, same order: repo, number, scores, labels. */
export async function run(args: string[], io: CommandIo & { env?: NodeJS.ProcessEnv } = process): Promise<number> {
  const parsed = parseCommandArgs('predict', USAGE, io, {
    args,
    strict: true,
    options: {
      model: { type: 'string' },
      input: { type: 'string' },
      output: { type: 'string' },
      'min-confidence': { type: 'string' },
    },
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.model || !values.input) {
    io.stderr.write(`labelbot predict: --model and --input are required\n${USAGE}`);
    return 2;
  }
  const given = values['min-confidence'];
  // Number('') is 0: an empty value would silently apply every label that has a threshold.
  const minConfidence = given === undefined ? undefined : given.trim() === '' ? Number.NaN : Number(given);
  if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 1)) {
    io.stderr.write('labelbot predict: --min-confidence must be a number in [0, 1]\n');
    return 2;
  }
  const opened = { model: values.model, input: values.input, mode: 'unlabelled' as const };
  return withModel('predict', io, opened, async (model, issues) => {
    const predictions = await model.predict(issues, minConfidence === undefined ? {} : { minConfidence });
    const lines = predictions.map((prediction, i) => {
      const issue = issues[i] as (typeof issues)[number];
      const scores = Object.fromEntries(Object.entries(prediction.scores).map(([l, s]) => [l, round(s)]));
      return JSON.stringify({
        repo: issue.repo === '' ? null : issue.repo,
        number: issue.number,
        scores,
        labels: prediction.labels,
      });
    });
    await writeOutput(io, values.output, lines.map((line) => `${line}\n`).join(''));
  });
}

function round(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}
