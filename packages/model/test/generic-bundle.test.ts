import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type DatasetIssue,
  loadModelFromDirectory,
  type ModelManifest,
  readDataset,
  serializeManifest,
  trainBundle,
} from '../src/index.js';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const bundleDir = join(root, 'models', 'generic');
const datasets = join(root, '..', 'shared', 'datasets', 'generic');
const hasData = existsSync(datasets);
if (!hasData) console.log(`generic bundle reproduction skipped: ${datasets} (../shared/datasets/generic) is absent`);

describe('models/generic', () => {
  it('is a valid bundle under 25 MB with held-out metrics and sources', async () => {
    const model = await loadModelFromDirectory(bundleDir);
    expect(model.bytes).toBeLessThan(25 * 1024 * 1024);
    expect(model.manifest.labels).toEqual(['bug', 'feature', 'question']);
    const training = model.manifest.training as { sources: { file: string }[]; counts: { heldOut: object } };
    expect(training.sources.map((s) => s.file)).toContain('../shared/datasets/generic/nlbse24-train.jsonl');
    expect(model.manifest.metrics.heldOut).toBeTruthy();
    const [prediction] = await model.predict([{ title: 'How do I configure the proxy?', body: 'Is there a setting?' }]);
    expect(Object.keys(prediction?.scores ?? {})).toEqual(['bug', 'feature', 'question']);
    await model.release();
  });

  describe.skipIf(!hasData)('reproduction', () => {
    it('retraining with the manifest’s recorded options gives the committed bytes', { timeout: 600_000 }, async () => {
      const manifest = JSON.parse(await readFile(join(bundleDir, 'manifest.json'), 'utf8')) as ModelManifest;
      const t = manifest.training as {
        sources: { file: string; rows: number; sha256: string; weight: number }[];
        labelMap: Record<string, string>;
        seed: number;
        holdoutFraction: number;
        validationFraction: number;
        trainer: Record<string, unknown>;
        thresholdOptions: { precisionTarget: number };
        heldOutTrainedOn?: boolean;
        joinedTitleWords?: number;
      };
      const issues: DatasetIssue[] = [];
      for (const source of t.sources) {
        const rows = await readDataset(join(root, source.file));
        issues.push(...rows.map((row) => ({ ...row, weight: source.weight })));
      }
      const { bestEpoch: _b, epochsRun: _e, ...trainer } = t.trainer;
      const bundle = trainBundle(issues, {
        name: manifest.name,
        task: manifest.task,
        labels: manifest.labels,
        labelMap: t.labelMap,
        seed: t.seed,
        holdoutFraction: t.holdoutFraction,
        validationFraction: t.validationFraction,
        thresholds: { precisionTarget: t.thresholdOptions.precisionTarget },
        featurizer: manifest.featurizer.params,
        trainer,
        sources: t.sources,
        createdAt: manifest.createdAt,
        trainOnHeldOut: t.heldOutTrainedOn === true,
        joinedTitleWords: t.joinedTitleWords ?? 0,
      });
      expect(bundle.manifest.sha256).toBe(manifest.sha256);
      const committed = await readFile(join(bundleDir, 'model.onnx'));
      expect(Buffer.from(bundle.onnx).equals(committed)).toBe(true);
      expect(serializeManifest(bundle.manifest)).toBe(await readFile(join(bundleDir, 'manifest.json'), 'utf8'));
    });
  });
});
