import { createHash } from 'node:crypto';
import { coalesceScoreCalls } from './coalesce-score-calls.js';
import { createOnnxScorer, type OnnxScorer } from './create-onnx-scorer.js';
import { featurize } from './featurize.js';
import { pickLabels } from './pick-labels.js';
import { readBundleFiles } from './read-bundle-files.js';
import { type IssueText, type LoadedModel, ModelBundleError, type Prediction } from './types.js';
import { validateManifest } from './validate-manifest.js';

/**
 * Scores one issue made of the lowest and highest feature id the manifest's featurizer can produce:
 * a graph with fewer buckets or another label count than the manifest says fails here, at load,
 * instead of on every prediction after the store has swapped it in. A graph with more rows than the
 * manifest's buckets would run but score wrongly (the features hash into the wrong rows): the first id
 * past the buckets must be refused.
 */
async function runTrialPrediction(scorer: OnnxScorer, buckets: number, labelCount: number): Promise<void> {
  let problem: string | null = null;
  try {
    await scorer.score([{ ids: Int32Array.of(0, buckets - 1), weights: Float32Array.of(1, 1) }]);
    if (await scorer.hasFeatureRow(buckets)) problem = `the graph has more than ${buckets} embedding rows`;
  } catch (error) {
    problem = `trial prediction failed: ${(error as Error).message}`;
  }
  if (problem === null) return;
  await scorer.release().catch(() => {});
  throw new ModelBundleError(
    `model.onnx does not fit manifest.json (${labelCount} labels, ${buckets} featurizer buckets): ${problem}`,
  );
}

/** Loads `model.onnx` + `manifest.json` from a directory, checking sha256 and featurizer version. */
export async function loadModelFromDirectory(dir: string): Promise<LoadedModel> {
  return loadModelFromBytes(await readBundleFiles(dir));
}

/** Loads a bundle from its two files' bytes (what the store fetched), with the same checks. */
export async function loadModelFromBytes(files: {
  onnx: Uint8Array;
  manifest: Uint8Array | string;
}): Promise<LoadedModel> {
  const manifest = validateManifest(files.manifest);
  const digest = createHash('sha256').update(files.onnx).digest('hex');
  if (digest !== manifest.sha256) {
    throw new ModelBundleError(
      `model.onnx sha256 ${digest} does not match manifest.json sha256 ${manifest.sha256}: the bundle was altered or mixed`,
    );
  }
  let scorer: OnnxScorer;
  try {
    scorer = await createOnnxScorer(files.onnx, manifest.labels.length);
  } catch (error) {
    throw new ModelBundleError(`model.onnx cannot be loaded: ${(error as Error).message}`);
  }
  const params = manifest.featurizer.params;
  await runTrialPrediction(scorer, params.buckets, manifest.labels.length);
  // Concurrent callers (one delivery each) share session runs.
  const score = coalesceScoreCalls((batch) => scorer.score(batch));
  return {
    manifest,
    bytes: files.onnx.byteLength,
    async predict(issues: IssueText[], options: { minConfidence?: number } = {}): Promise<Prediction[]> {
      const features = issues.map((issue) => featurize(issue, params));
      const scored = await score(features);
      return scored.map((probabilities) => {
        const scores: Record<string, number> = {};
        manifest.labels.forEach((label, j) => {
          scores[label] = probabilities[j] as number;
        });
        return { scores, labels: pickLabels(manifest, probabilities, options.minConfidence) };
      });
    },
    release: () => scorer.release(),
  };
}
