/** The model that labelled an issue, as the model store resolves it. */
export interface ModelIdentity {
  /** `repo`: the repository's own model; `org`: its org's (`owner/_org`); `generic`: the bundled one. */
  source: 'repo' | 'org' | 'generic';
  /** `owner/name`, `owner/_org` or `generic`. */
  target: string;
  version: string;
}

/**
 * The value of the `model` metric label: `target@version` (`generic@20261122T000000Z`,
 * `kubeflow/_org@v3`, `kubeflow/pipelines@v7`), so a breakdown by model also shows when the
 * forwarded path fell back to the org's or the generic model. A repository's own model counts as
 * `other` when the repository's `repo` label is `other`: the versions of every unnamed repository
 * would make the label unbounded (org and generic models stay few, so they keep their version).
 */
export function modelMetricLabel(repoLabel: string, model: ModelIdentity): string {
  if (repoLabel === 'other' && model.source === 'repo') return 'other';
  return `${model.target.toLowerCase()}@${model.version}`;
}

/**
 * The value of the `label` metric label: the label as applied for repositories named in forwarded_repo.yaml
 * (their labels are few and known); for the others (`repo` = `other`) a label of the model itself, in the
 * model's spelling, or `other` — a repository's `label-alias` targets are its own choice, and every one would
 * otherwise add series for as long as the process runs. Applied and removed labels map alike, so the
 * precision by label stays comparable.
 */
export function labelMetricLabel(repoLabel: string, label: string, modelLabels: readonly string[]): string {
  if (repoLabel !== 'other') return label;
  const wanted = label.toLowerCase();
  return modelLabels.find((own) => own.toLowerCase() === wanted) ?? 'other';
}
