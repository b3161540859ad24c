import { type DatasetIssue, loadModelFromBytes, type ModelBundle, serializeManifest } from '@labelbot/model';

/** Scores each list of issues with the bundle's exported ONNX graph, exactly as serving will (label order of the manifest). */
export async function scoreIssues(bundle: ModelBundle, lists: DatasetIssue[][]): Promise<number[][][]> {
  const model = await loadModelFromBytes({ onnx: bundle.onnx, manifest: serializeManifest(bundle.manifest) });
  try {
    const out: number[][][] = [];
    for (const rows of lists) {
      const predictions = await model.predict(rows);
      out.push(predictions.map((p) => bundle.manifest.labels.map((label) => p.scores[label] ?? 0)));
    }
    return out;
  } finally {
    await model.release();
  }
}
