/** What the model reads of an issue. */
export interface IssueText {
  title: string;
  body: string;
}

/** Scores for every label in manifest order, and the labels that clear their thresholds. */
export interface Prediction {
  scores: Record<string, number>;
  labels: string[];
}

export type Task = 'multiclass' | 'multilabel';

export interface ModelManifest {
  schemaVersion: 1;
  /** e.g. `generic` or `owner/repo`. */
  name: string;
  /** Version id, e.g. an ISO-ish timestamp `20261122T150000Z`. */
  version: string;
  task: Task;
  labels: string[];
  /** Per-label threshold; `null` = never predicted (could not reach the precision target). */
  thresholds: Record<string, number | null>;
  featurizer: { name: string; version: number; params: Record<string, unknown> };
  training: Record<string, unknown>;
  metrics: Record<string, unknown>;
  createdAt: string;
  /** sha256 (hex) of model.onnx. */
  sha256: string;
}

/** A loaded, warmed model: one ONNX session, batched predictions. */
export interface LoadedModel {
  readonly manifest: ModelManifest;
  /** Size of model.onnx in bytes (what caches bound). */
  readonly bytes: number;
  /** Predicts a batch; the result has the same order and length. `minConfidence` overrides every threshold. */
  predict(issues: IssueText[], options?: { minConfidence?: number }): Promise<Prediction[]>;
  release(): Promise<void>;
}

/** Thrown when a bundle is tampered with, incompatible or malformed; the message says what is wrong. */
export class ModelBundleError extends Error {
  override name = 'ModelBundleError';
}
