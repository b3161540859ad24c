import { performance } from 'node:perf_hooks';
import { decideRoute, repoMetricLabel } from '@labelbot/rollout';
import type { FrontRuntime } from '../front-runtime.js';
import type { IssueContext, IssueDecision } from './issue-context.js';
import { runGenericPath } from './run-generic-path.js';
import { toIssueEvent } from './to-issue-event.js';
import { BudgetExceededError, withinBudget } from './within-budget.js';

/**
 * Routes one issue per forwarded_repo.yaml (sticky draw). The forwarded path returns only after
 * Pub/Sub acknowledged the message; when publishing fails the issue is labelled on the generic
 * path instead. When the generic path fails (GitHub down after the client retries) or outlasts its
 * budget (GitHub's 10 s webhook limit), the issue is handed to the queue for the worker to retry with
 * the generic model; if the queue cannot take it either, a path that only ran out of time is run again here
 * without a budget: never lost.
 */
export async function routeIssue(front: FrontRuntime, context: IssueContext): Promise<IssueDecision> {
  const forwarding = front.forwarding.current();
  const { owner, name } = context.repository;
  const route = decideRoute(forwarding, { owner, repo: name, number: context.issue.number });
  const repo = repoMetricLabel(forwarding, owner, name);
  front.metrics.routeDecisions.inc({ path: route.path, matched: route.matched, repo });
  const base = { matched: route.matched, probability: route.probability };

  if (route.path === 'forwarded') {
    const messageId = await publish(front, context, repo);
    if (messageId !== null) {
      const dryRun = front.config.dryRun;
      return {
        ...base,
        path: 'forwarded',
        fallback: false,
        model: null,
        predicted: [],
        applied: [],
        skipped: [],
        dryRun,
        messageId,
      };
    }
    front.metrics.genericFallbacks.inc({ repo });
    context.log.warn('forwarded issue falls back to the generic path');
    // Publishing just failed: handing the issue to the queue again would fail too.
    const generic = await runGenericPath(front, context, repo);
    return { ...base, ...generic, path: 'generic', fallback: true, messageId: null };
  }
  // The budget counts from the delivery's arrival: time spent behind another delivery of the issue counts too.
  const left = front.genericPathBudgetMs - (front.clock().getTime() - context.receivedAt.getTime());
  const handOver = new AbortController();
  const attempt = runGenericPath(front, context, repo, handOver.signal);
  try {
    const generic = front.publisher
      ? await withinBudget(attempt, Math.max(0, left), 'the generic path')
      : await attempt;
    return { ...base, ...generic, path: 'generic', fallback: false, messageId: null };
  } catch (error) {
    if (!front.publisher) throw error;
    if (error instanceof BudgetExceededError) {
      // The worker labels the issue now: the late attempt writes nothing more (no second comment).
      handOver.abort(error);
      attempt.then(
        (late) => context.log.info({ applied: late.applied }, 'the generic path finished after its budget'),
        (late) => context.log.info({ reason: (late as Error).message }, 'the generic path stopped after its budget'),
      );
    }
    context.log.warn({ err: error }, 'the generic path failed; handing the issue to the queue for a retry');
    const messageId = await publish(front, context, repo, 'generic');
    if (messageId === null) {
      if (!(error instanceof BudgetExceededError)) throw error;
      // Nobody took the issue over: label it here after all, however long GitHub takes (the work outlives
      // GitHub's 10 s wait for the answer). The stopped attempt settles first, so one writer at a time.
      context.log.warn('the queue could not take the issue; labelling it on the generic path past its budget');
      await attempt.catch(() => undefined);
      const generic = await runGenericPath(front, context, repo);
      return { ...base, ...generic, path: 'generic', fallback: false, messageId: null };
    }
    front.metrics.genericRetriesQueued.inc({ repo });
    const { manifest } = front.model;
    return {
      ...base,
      path: 'generic',
      fallback: false,
      model: `${manifest.name}@${manifest.version}`,
      predicted: [],
      applied: [],
      skipped: [],
      dryRun: front.config.dryRun,
      messageId,
      queuedForRetry: true,
    };
  }
}

async function publish(
  front: FrontRuntime,
  context: IssueContext,
  repo: string,
  model?: 'generic',
): Promise<string | null> {
  if (!front.publisher) {
    front.metrics.publishFailures.inc({ repo });
    context.log.error('issue routed to the forwarded path but no Pub/Sub publisher is configured');
    return null;
  }
  const started = performance.now();
  try {
    const messageId = await front.publisher.publish(toIssueEvent(context, model));
    front.metrics.publishDuration.observe((performance.now() - started) / 1000);
    return messageId;
  } catch (error) {
    front.metrics.publishFailures.inc({ repo });
    context.log.error({ err: error }, 'publishing the issue event failed after the client retries');
    return null;
  }
}
