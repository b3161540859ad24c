import type { IssueLabeler } from '@labelbot/github';
import type { LoadedModel } from '@labelbot/model';
import { type Disposition, IssueEventSchema, type MessageHandler, type ReceivedMessage } from '@labelbot/queue';
import { type ForwardingConfig, labelMetricLabel, modelMetricLabel, repoMetricLabel } from '@labelbot/rollout';
import type { ModelStore, ResolvedModel } from '@labelbot/store';
import type { Logger } from '@labelbot/telemetry';
import { Compile } from 'typebox/compile';
import { classifyFailure } from './classify-failure.js';
import type { WorkerMetrics } from './create-worker-metrics.js';
import { parseMessage } from './parse-message.js';
import { trackMessage } from './track-message.js';

export interface MessageHandlerDeps {
  store: ModelStore;
  labeler: IssueLabeler;
  logger: Logger;
  metrics: WorkerMetrics;
  clock: () => number;
  /** The attempt at which a transient failure is dead-lettered instead of nacked. */
  maxDeliveryAttempts: number;
  /** forwarded_repo.yaml in force: bounds the `repo` metric label to the repositories it names. */
  forwarding: { current(): ForwardingConfig };
  /** The bundled generic model for the front's generic retries; without it the store's generic one is used. */
  generic?: LoadedModel;
}

const validator = Compile(IssueEventSchema);

/** One message: validate, pick the repository's model, predict, apply labels through the shared rules. */
export function createMessageHandler(deps: MessageHandlerDeps): MessageHandler {
  const { metrics, clock } = deps;

  return async (message: ReceivedMessage): Promise<Disposition> => {
    const done = trackMessage(metrics, clock);
    const parsed = parseMessage(message, validator);
    if ('problem' in parsed) {
      deps.logger.warn(
        {
          messageId: message.id,
          attempt: message.deliveryAttempt,
          attributes: message.attributes,
          problem: parsed.problem,
        },
        'invalid issue event: it can never be handled; dead-lettering',
      );
      return done('invalid', 'dead-letter');
    }
    const { value: event } = parsed;
    const repo = `${event.repository.owner}/${event.repository.name}`;
    const log = deps.logger.child({
      deliveryId: event.deliveryId,
      repo,
      issue: event.issue.number,
      messageId: message.id,
      attempt: message.deliveryAttempt,
    });
    const issue = {
      installationId: event.installationId,
      owner: event.repository.owner,
      repo: event.repository.name,
      issueNumber: event.issue.number,
      private: event.repository.private,
    };
    try {
      const config = await deps.labeler.getRepoConfig(issue);
      if (!config.enabled) {
        log.info('labelbot disabled by the repository config; acked');
        return done('disabled', 'ack');
      }
      // The front's generic path failed on this issue: the rollout chose the generic model, not the repository's.
      const path = event.model === 'generic' ? 'generic' : 'forwarded';
      const resolved: ResolvedModel =
        path === 'generic' && deps.generic
          ? { model: deps.generic, source: 'generic', target: 'generic', version: deps.generic.manifest.version }
          : await deps.store.modelFor(issue.owner, issue.repo);
      const [prediction] = await resolved.model.predict([{ title: event.issue.title, body: event.issue.body }], {
        ...(config.minConfidence !== null && { minConfidence: config.minConfidence }),
      });
      const scores = prediction?.scores ?? {};
      const outcome = await deps.labeler.labelIssue({
        issue,
        deliveryId: event.deliveryId,
        path,
        model: { name: resolved.model.manifest.name, version: resolved.version },
        scores,
        labels: prediction?.labels ?? [],
        currentLabels: event.issue.labels,
        config,
        action: event.action,
        ...(event.issue.createdAt ? { issueCreatedAt: event.issue.createdAt } : {}),
        // Through the queue: other deliveries of the issue may have written meanwhile (a class, a comment).
        queued: true,
        ...(resolved.model.manifest.task === 'multiclass' ? { singleClass: resolved.model.manifest.labels } : {}),
      });
      const repoLabel = repoMetricLabel(deps.forwarding.current(), issue.owner, issue.repo);
      const model = modelMetricLabel(repoLabel, resolved);
      for (const label of outcome.applied) {
        metrics.labelsApplied.inc({
          path,
          repo: repoLabel,
          label: labelMetricLabel(repoLabel, label, resolved.model.manifest.labels),
          dry_run: String(outcome.dryRun),
          model,
        });
      }
      const receivedAt = Date.parse(event.receivedAt);
      if (Number.isFinite(receivedAt)) metrics.endToEndSeconds.observe(Math.max(0, clock() - receivedAt) / 1000);
      log.info(
        {
          model: resolved.target,
          modelVersion: resolved.version,
          modelSource: resolved.source,
          scores,
          predicted: prediction?.labels ?? [],
          labels: outcome.applied,
          skipped: outcome.skipped,
          dryRun: outcome.dryRun,
        },
        'issue event handled; acked',
      );
      return done('labelled', 'ack');
    } catch (error) {
      if (classifyFailure(error) === 'permanent') {
        // Kept for replay (an App reinstalled, a permission accepted), not dropped: no retry can help it.
        log.warn(
          { err: error },
          'issue event can never succeed (repository gone, archived or App uninstalled); dead-lettering',
        );
        return done('permanent', 'dead-letter');
      }
      if (message.deliveryAttempt >= deps.maxDeliveryAttempts) {
        log.error({ err: error }, 'issue event failed on its last attempt; dead-lettering');
        return done('dead_lettered', 'dead-letter');
      }
      log.warn({ err: error }, 'transient failure; nacked for redelivery');
      return done('retried', 'nack');
    }
  };
}
