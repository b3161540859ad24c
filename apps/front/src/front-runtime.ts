import { createKeySerialiser, type KeySerialiser } from '@labelbot/github';
import { FRONT_DEFAULTS } from './config/front-defaults.js';
import type { FrontDeps } from './front-deps.js';
import { createFrontMetrics, type FrontMetrics } from './metrics/create-front-metrics.js';
import { createDecisionLog, type DecisionLog } from './state/create-decision-log.js';
import { createLabelledIssues, type LabelledIssues } from './state/create-labelled-issues.js';
import { createRepoVisibility, type RepoVisibility } from './state/create-repo-visibility.js';
import { createDeliveryMemory, type DeliveryMemory } from './webhooks/create-delivery-memory.js';

/** The deps plus the app's own state: what routes and handlers work with. */
export interface FrontRuntime extends Required<Omit<FrontDeps, 'metrics'>> {
  metrics: FrontMetrics;
  deliveries: DeliveryMemory;
  labelled: LabelledIssues;
  /** Routes one issue's events one at a time in this process (an `edited` racing its `opened` waits for it). */
  issueQueue: KeySerialiser;
  decisions: DecisionLog;
  visibility: RepoVisibility;
  startedAt: Date;
}

export function createFrontRuntime(deps: FrontDeps): FrontRuntime {
  const clock = deps.clock ?? (() => new Date());
  const metrics = deps.metrics ?? createFrontMetrics(deps.registry);
  const { name, version } = deps.model.manifest;
  metrics.modelInfo.set({ name, version }, 1);
  return {
    ...deps,
    clock,
    metrics,
    genericPathBudgetMs: deps.genericPathBudgetMs ?? FRONT_DEFAULTS.genericPathBudgetMs,
    deliveries: createDeliveryMemory(FRONT_DEFAULTS.deliveryMemory),
    labelled: createLabelledIssues(FRONT_DEFAULTS.deliveryMemory),
    issueQueue: createKeySerialiser(),
    decisions: createDecisionLog(FRONT_DEFAULTS.recentDecisions),
    visibility: createRepoVisibility(FRONT_DEFAULTS.deliveryMemory),
    startedAt: clock(),
  };
}
