import { performance } from 'node:perf_hooks';
import { labelMetricLabel, modelMetricLabel } from '@labelbot/rollout';
import type { FrontRuntime } from '../front-runtime.js';
import type { IssueContext, IssueDecision } from './issue-context.js';
import { issueKey } from './issue-key.js';

type GenericResult = Pick<IssueDecision, 'model' | 'predicted' | 'applied' | 'skipped' | 'dryRun'>;

/**
 * Predicts with the generic model (manifest thresholds, or the repo's `min-confidence`) and hands
 * the labels to the labeler, which owns the repo config and label rules.
 */
export async function runGenericPath(
  front: FrontRuntime,
  context: IssueContext,
  repo: string,
  signal?: AbortSignal,
): Promise<GenericResult> {
  const { manifest } = front.model;
  const model = `${manifest.name}@${manifest.version}`;
  const ref = {
    installationId: context.installationId,
    owner: context.repository.owner,
    repo: context.repository.name,
    issueNumber: context.issue.number,
    private: context.repository.private,
  };
  const config = await front.labeler.getRepoConfig(ref);
  if (!config.enabled) {
    front.metrics.labelsSkipped.inc({ path: 'generic', reason: 'disabled' });
    return {
      model,
      predicted: [],
      applied: [],
      skipped: [{ label: '*', reason: 'disabled' }],
      dryRun: front.config.dryRun,
    };
  }
  const started = performance.now();
  const options = config.minConfidence === null ? {} : { minConfidence: config.minConfidence };
  const [prediction] = await front.model.predict([{ title: context.issue.title, body: context.issue.body }], options);
  front.metrics.predictionDuration.observe((performance.now() - started) / 1000);
  if (!prediction) throw new Error('the generic model returned no prediction');
  for (const label of prediction.labels) front.metrics.predictions.inc({ path: 'generic', label, repo });
  context.log.debug({ scores: prediction.scores }, 'generic prediction');

  const outcome = await front.labeler.labelIssue({
    issue: ref,
    deliveryId: context.deliveryId,
    path: 'generic',
    model: { name: manifest.name, version: manifest.version },
    scores: prediction.scores,
    labels: prediction.labels,
    currentLabels: context.issue.labels,
    config,
    action: context.action,
    ...(context.issue.createdAt ? { issueCreatedAt: context.issue.createdAt } : {}),
    // One class per issue: a class another delivery or a person added meanwhile is not joined by a second.
    ...(manifest.task === 'multiclass' ? { singleClass: manifest.labels } : {}),
    ...(signal ? { signal } : {}),
  });
  const dryRun = String(outcome.dryRun);
  const modelLabel = modelMetricLabel(repo, { source: 'generic', target: 'generic', version: manifest.version });
  for (const label of outcome.applied) {
    const labelValue = labelMetricLabel(repo, label, manifest.labels);
    front.metrics.labelsApplied.inc({ path: 'generic', label: labelValue, repo, dry_run: dryRun, model: modelLabel });
  }
  for (const { reason } of outcome.skipped) front.metrics.labelsSkipped.inc({ path: 'generic', reason });
  if (outcome.applied.length > 0) {
    front.labelled.record(issueKey(ref.owner, ref.repo, ref.issueNumber), outcome.applied);
  }
  return {
    model,
    predicted: prediction.labels,
    applied: outcome.applied,
    skipped: outcome.skipped,
    dryRun: outcome.dryRun,
  };
}
