// `npm run bench:model`: throughput, latency, load time, memory and training time of the generic
// model, and fastText's throughput on the same issues when Debian's `fasttext` is installed.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { type DatasetIssue, loadModelFromDirectory, readDataset, trainBundle } from '@labelbot/model';
import { benchFasttext } from './model-fasttext.js';

const root = process.cwd();
const modelDir = join(root, 'models', 'generic');
const dataDir = join(root, '..', 'shared', 'datasets', 'generic');
const FILES = ['nlbse24-train.jsonl', 'tickettagger-rebalanced.jsonl', 'nlbse23-feature-question-partial.jsonl'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function main(): Promise<void> {
  if (!existsSync(dataDir)) {
    console.error(`bench:model needs the datasets in ../shared/datasets/generic (not found: ${dataDir})`);
    process.exitCode = 1;
    return;
  }
  const perFile = await Promise.all(FILES.map((f) => readDataset(join(dataDir, f))));
  const issues: DatasetIssue[] = perFile.flat();

  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const m = await loadModelFromDirectory(modelDir);
    loads.push(performance.now() - t);
    await m.release();
  }
  const model = await loadModelFromDirectory(modelDir);
  await model.predict(issues.slice(0, 512)); // warm-up (JIT, ORT arena)

  const cpuMs = (since: NodeJS.CpuUsage) => {
    const d = process.cpuUsage(since);
    return (d.user + d.system) / 1000;
  };
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  await model.predict(issues);
  const batchSeconds = (performance.now() - started) / 1000;
  const batchCpuSeconds = cpuMs(cpuStart) / 1000;

  // Wall time suffers when the machine is shared; process CPU time shows the cost on one free core.
  const latencies: number[] = [];
  const cpuLatencies: number[] = [];
  for (const issue of issues.slice(0, 3000)) {
    const t = performance.now();
    const c = process.cpuUsage();
    await model.predict([issue]);
    cpuLatencies.push(cpuMs(c));
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  cpuLatencies.sort((a, b) => a - b);
  await model.release();

  // Training time: the shipped configuration (from the manifest), and the same on all generic data.
  const training = model.manifest.training as {
    trainer: Record<string, number>;
    seed: number;
    heldOutTrainedOn?: boolean;
    joinedTitleWords?: number;
  };
  const trainOn = (weights: number[]) => {
    const rows = perFile.flatMap((file, i) => file.map((issue) => ({ ...issue, weight: weights[i] ?? 1 })));
    const t = performance.now();
    trainBundle(rows, {
      name: 'bench',
      task: 'multiclass',
      labels: model.manifest.labels,
      labelMap: { enhancement: 'feature' },
      seed: training.seed,
      holdoutFraction: 0.2,
      validationFraction: 0.15,
      featurizer: model.manifest.featurizer.params,
      trainer: training.trainer,
      sources: [],
      createdAt: model.manifest.createdAt,
      trainOnHeldOut: training.heldOutTrainedOn === true,
      joinedTitleWords: training.joinedTitleWords ?? 0,
    });
    return (performance.now() - t) / 1000;
  };
  const sources = (model.manifest.training as { sources: { weight?: number }[] }).sources;
  const shippedSeconds = trainOn(sources.map((s) => s.weight ?? 1));
  const allSeconds = trainOn(FILES.map(() => 1));

  const issuesPerSecond = issues.length / batchSeconds;
  const fasttext = benchFasttext(perFile[0] ?? [], issues);
  console.log(
    JSON.stringify(
      {
        issues: issues.length,
        modelBytes: model.bytes,
        batch: {
          issuesPerSecond: Math.round(issuesPerSecond),
          issuesPerCpuSecond: Math.round(issues.length / batchCpuSeconds),
          seconds: +batchSeconds.toFixed(3),
        },
        singleIssueLatencyMs: {
          p50: +percentile(latencies, 50).toFixed(3),
          p99: +percentile(latencies, 99).toFixed(3),
          max: +(latencies.at(-1) ?? 0).toFixed(3),
          cpuP50: +percentile(cpuLatencies, 50).toFixed(3),
          cpuP99: +percentile(cpuLatencies, 99).toFixed(3),
        },
        loadAverage1m: +(os.loadavg()[0] ?? 0).toFixed(1),
        bundleLoadMs: { median: +loads.sort((a, b) => a - b)[2]!.toFixed(1) },
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
        trainingSeconds: { shippedConfig: +shippedSeconds.toFixed(1), allGenericData: +allSeconds.toFixed(1) },
        fasttext: fasttext && {
          ...fasttext,
          issuesPerSecond: Math.round(fasttext.issuesPerSecond),
          throughputRatio: +(issuesPerSecond / fasttext.issuesPerSecond).toFixed(2),
        },
        note: 'single process, ONNX Runtime with one intra-op thread; shared machine: numbers vary with load',
      },
      null,
      2,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
