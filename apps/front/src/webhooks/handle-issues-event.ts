import type { Logger } from '@labelbot/telemetry';
import type { FrontRuntime } from '../front-runtime.js';
import type { IssueContext } from '../routing/issue-context.js';
import { issueKey } from '../routing/issue-key.js';
import { routeIssue } from '../routing/route-issue.js';
import type { Delivery } from './delivery.js';
import type { DeliveryResult } from './delivery-result.js';
import { handleLabeled } from './handle-labeled.js';
import { handleUnlabeled } from './handle-unlabeled.js';
import { isOwnEvent } from './is-own-event.js';
import type { IssuesPayload } from './issues-payload-schema.js';

const ROUTED = new Set(['opened', 'reopened', 'edited']);

/** `issues.*`: routes opened/reopened (and edited while unlabelled), records people's label changes as feedback. */
export async function handleIssuesEvent(
  front: FrontRuntime,
  delivery: Delivery,
  payload: IssuesPayload,
): Promise<DeliveryResult> {
  const head = { delivery: delivery.id, event: `issues.${payload.action}` };
  const owner = payload.repository.owner.login;
  const name = payload.repository.name;
  const key = issueKey(owner, name, payload.issue.number);
  front.visibility.observe(`${owner}/${name}`, payload.repository.private);
  const log = delivery.log.child({ repo: `${owner}/${name}`, issue: payload.issue.number, action: payload.action });
  if (isOwnEvent(payload, { botLogin: front.botLogin, appId: front.config.github.appId }))
    return { ...head, outcome: 'ignored', reason: 'own-event' };

  if (payload.action === 'unlabeled') return handleUnlabeled(front, delivery, payload, log);
  if (payload.action === 'labeled') return handleLabeled(front, delivery, payload, log);
  if (!ROUTED.has(payload.action)) return { ...head, outcome: 'ignored', reason: 'action-not-routed' };
  // The `edited` gate reads what an `opened` being labelled right now records: wait for it, then decide.
  return front.issueQueue.run(key, () => routeIssueEvent(front, delivery, payload, { head, owner, name, key, log }));
}

/** What handleIssuesEvent derived from the delivery, handed on rather than derived again. */
interface IssueEventFacts {
  head: { delivery: string; event: string };
  owner: string;
  name: string;
  key: string;
  log: Logger;
}

/** `opened` / `reopened`, and `edited` while the issue has no labels: route it, record and log the decision. */
async function routeIssueEvent(
  front: FrontRuntime,
  delivery: Delivery,
  payload: IssuesPayload,
  { head, owner, name, key, log }: IssueEventFacts,
): Promise<DeliveryResult> {
  const labels = (payload.issue.labels ?? []).map((label) => label.name);
  if (payload.action === 'edited' && (labels.length > 0 || front.labelled.has(key))) {
    return { ...head, outcome: 'ignored', reason: 'already-labelled' };
  }
  if (!payload.installation) {
    log.warn('issue event without an installation: not an App delivery');
    return { ...head, outcome: 'ignored', reason: 'no-installation' };
  }

  const context: IssueContext = {
    deliveryId: delivery.id,
    event: 'issues',
    action: payload.action,
    installationId: payload.installation.id,
    repository: { owner, name, id: payload.repository.id, private: payload.repository.private },
    issue: {
      number: payload.issue.number,
      title: payload.issue.title,
      body: payload.issue.body ?? '',
      labels,
      author: payload.issue.user?.login ?? 'ghost',
      ...(payload.issue.created_at ? { createdAt: payload.issue.created_at } : {}),
    },
    sender: payload.sender.login,
    receivedAt: delivery.receivedAt,
    log,
  };
  const decision = await routeIssue(front, context);
  front.decisions.record({
    at: delivery.receivedAt.toISOString(),
    deliveryId: delivery.id,
    event: head.event,
    issue: payload.repository.private ? null : `${owner}/${name}#${payload.issue.number}`,
    path: decision.path,
    fallback: decision.fallback,
    ...(decision.queuedForRetry ? { queuedForRetry: true } : {}),
    model: decision.model,
    predicted: decision.predicted,
    applied: decision.applied,
    dryRun: decision.dryRun,
  });
  log.info(
    {
      path: decision.path,
      model: decision.model,
      fallback: decision.fallback,
      ...(decision.queuedForRetry ? { queuedForRetry: true, messageId: decision.messageId } : {}),
      predicted: decision.predicted,
      applied: decision.applied,
      dryRun: decision.dryRun,
    },
    'issue routed',
  );
  const { matched: _matched, probability: _probability, ...result } = decision;
  return { ...head, outcome: 'accepted', ...result };
}
