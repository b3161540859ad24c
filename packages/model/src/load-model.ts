import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createOnnxScorer } from './create-onnx-scorer.js';
import { featurize } from './featurize.js';
import { pickLabels } from './pick-labels.js';
import { type IssueText, type LoadedModel, ModelBundleError, type Prediction } from './types.js';
import { validateManifest } from './validate-manifest.js';

/**
 * Batching: issues are scored in runs of similar length (sorted by feature count), at most
 * MAX_BATCH issues and MAX_CELLS padded cells per run — padding a 50-feature issue to the width
 * of a 5,000-feature one would make ONNX gather 100 times the rows it needs.
 */
const MAX_BATCH = 64;
const MAX_CELLS = 1 << 16;

/** Loads `model.onnx` + `manifest.json` from a directory, checking sha256 and featurizer version. */
export async function loadModelFromDirectory(dir: string): Promise<LoadedModel> {
  const read = async (name: string): Promise<Uint8Array> => {
    try {
      return await readFile(join(dir, name));
    } catch (error) {
      throw new ModelBundleError(`cannot read ${name} in ${dir}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
  };
  const [manifest, onnx] = await Promise.all([read('manifest.json'), read('model.onnx')]);
  return loadModelFromBytes({ onnx, manifest });
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
  let scorer: Awaited<ReturnType<typeof createOnnxScorer>>;
  try {
    scorer = await createOnnxScorer(files.onnx, manifest.labels.length);
  } catch (error) {
    throw new ModelBundleError(`model.onnx cannot be loaded: ${(error as Error).message}`);
  }
  const params = manifest.featurizer.params;
  return {
    manifest,
    bytes: files.onnx.byteLength,
    async predict(issues: IssueText[], options: { minConfidence?: number } = {}): Promise<Prediction[]> {
      const features = issues.map((issue) => featurize(issue, params));
      const order = features.map((_, i) => i).sort((a, b) => features[a]!.ids.length - features[b]!.ids.length);
      const out = new Array<Prediction>(issues.length);
      for (let start = 0; start < order.length; ) {
        let end = start + 1;
        while (
          end < order.length &&
          end - start < MAX_BATCH &&
          (end - start + 1) * features[order[end]!]!.ids.length <= MAX_CELLS
        ) {
          end++;
        }
        const rows = order.slice(start, end);
        const scored = await scorer.score(rows.map((i) => features[i]!));
        rows.forEach((i, k) => {
          const probabilities = scored[k] as Float32Array;
          const scores: Record<string, number> = {};
          manifest.labels.forEach((label, j) => {
            scores[label] = probabilities[j] as number;
          });
          out[i] = { scores, labels: pickLabels(manifest, probabilities, options.minConfidence) };
        });
        start = end;
      }
      return out;
    },
    release: () => scorer.release(),
  };
}
