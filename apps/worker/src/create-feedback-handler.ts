import { type Disposition, LabelFeedbackEventSchema, type MessageHandler, type ReceivedMessage } from '@labelbot/queue';
import { ADDED_KIND, labelMetricLabel, modelMetricLabel, repoMetricLabel } from '@labelbot/rollout';
import { Compile } from 'typebox/compile';
import { classifyFailure } from './classify-failure.js';
import type { MessageHandlerDeps } from './create-message-handler.js';
import { parseMessage } from './parse-message.js';
import { trackMessage } from './track-message.js';

const validator = Compile(LabelFeedbackEventSchema);

/**
 * One `labelbot.label-feedback/v1` message: a person's label change on a forwarded issue, already
 * attributed by the front against the timeline. Counted with the model this worker serves for the
 * repository now — the version that labelled the issue unless LATEST moved in between. A person's
 * added label counts only when the repository's model predicts it (after `label-alias`), which
 * only the worker can tell: the front does not load repository models.
 */
export function createFeedbackHandler(deps: MessageHandlerDeps): MessageHandler {
  const { metrics, clock } = deps;
  return async (message: ReceivedMessage): Promise<Disposition> => {
    const done = trackMessage(metrics, clock);
    const parsed = parseMessage(message, validator);
    if ('problem' in parsed) {
      deps.logger.warn(
        { messageId: message.id, attributes: message.attributes, problem: parsed.problem },
        'invalid label feedback: it can never be counted; dead-lettering',
      );
      return done('invalid', 'dead-letter');
    }
    const data = parsed.value;
    const { repository, issue, label, kind } = data;
    const log = deps.logger.child({
      deliveryId: data.deliveryId,
      repo: `${repository.owner}/${repository.name}`,
      issue: issue.number,
      messageId: message.id,
      attempt: message.deliveryAttempt,
    });
    try {
      const resolved = await deps.store.modelFor(repository.owner, repository.name);
      if (kind === ADDED_KIND) {
        const ref = { installationId: data.installationId, owner: repository.owner, repo: repository.name };
        const config = await deps.labeler.getRepoConfig(ref);
        const predicted = resolved.model.manifest.labels.map((name) => (config.labelAlias[name] ?? name).toLowerCase());
        // A repository that turned the bot off gets no labels from it: what people add is no miss.
        if (!config.enabled || !predicted.includes(label.toLowerCase())) {
          log.info(
            { label, model: resolved.target, modelVersion: resolved.version },
            'not a label the model predicts, or the bot is off there; acked',
          );
          return done('not_counted', 'ack');
        }
      }
      const repo = repoMetricLabel(deps.forwarding.current(), repository.owner, repository.name);
      const model = modelMetricLabel(repo, resolved);
      const labelValue = labelMetricLabel(repo, label, resolved.model.manifest.labels);
      metrics.labelFeedback.inc({ path: 'forwarded', repo, label: labelValue, kind, model });
      log.info(
        { label, kind, model: resolved.target, modelVersion: resolved.version },
        'label feedback counted; acked',
      );
      return done('feedback', 'ack');
    } catch (error) {
      if (classifyFailure(error) === 'permanent') {
        log.warn({ err: error }, 'label feedback can never be counted (repository gone or App uninstalled); acked');
        return done('permanent', 'ack');
      }
      if (message.deliveryAttempt >= deps.maxDeliveryAttempts) {
        log.error({ err: error }, 'label feedback failed on its last attempt; dead-lettering');
        return done('dead_lettered', 'dead-letter');
      }
      log.warn({ err: error }, 'transient failure counting label feedback; nacked for redelivery');
      return done('retried', 'nack');
    }
  };
}
