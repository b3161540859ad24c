import { classifyLabelChange } from '@labelbot/github';
import { decideRoute } from '@labelbot/rollout';
import type { Logger } from '@labelbot/telemetry';
import type { FrontRuntime } from '../front-runtime.js';
import { issueKey } from '../routing/issue-key.js';
import type { Delivery } from './delivery.js';
import type { DeliveryResult } from './delivery-result.js';
import type { IssuesPayload } from './issues-payload-schema.js';
import { recordLabelFeedback } from './record-label-feedback.js';

/**
 * `issues.unlabeled`: when a person removed a label the bot applied, count it as feedback (a false
 * positive) on the issue's path. Who applied the label comes from the issue's timeline; without App
 * credentials (dry run) from what this process labelled. The timeline does not say which path
 * applied it, so the path is re-derived with the sticky draw against the forwarding file in force
 * now: the routing answer unless the probability changed since, or publishing failed and the
 * issue fell back to the generic path.
 */
export async function handleUnlabeled(
  front: FrontRuntime,
  delivery: Delivery,
  payload: IssuesPayload,
  log: Logger,
): Promise<DeliveryResult> {
  const head = { delivery: delivery.id, event: 'issues.unlabeled' };
  const label = payload.label?.name;
  const { installation } = payload;
  if (!label || !installation) return { ...head, outcome: 'ignored', reason: 'no-label' };
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  const number = payload.issue.number;
  const kind = front.github
    ? await classifyLabelChange({
        client: front.github,
        installationId: installation.id,
        owner,
        repo,
        issueNumber: number,
        label,
        action: 'unlabeled',
        actor: payload.sender.login,
        botLogin: front.botLogin,
        deliveryId: delivery.id,
      })
    : payload.sender.type !== 'Bot' && front.labelled.hasLabel(issueKey(owner, repo, number), label)
      ? 'bot-label-removed'
      : 'not-counted';
  if (kind !== 'bot-label-removed') return { ...head, outcome: 'ignored', reason: kind };
  const { path } = decideRoute(front.forwarding.current(), { owner, repo, number });
  const recorded = await recordLabelFeedback(front, {
    delivery,
    payload: { ...payload, installation },
    label,
    kind,
    path,
    log,
  });
  log.info({ label, path, ...recorded, sender: payload.sender.login }, 'a person removed a label the bot applied');
  return { ...head, outcome: 'accepted', reason: 'feedback', path, ...recorded };
}
