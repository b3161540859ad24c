import type { DecisionRecord } from '../../state/create-decision-log.js';
import type { ObservedPrecisionRow } from './precision-rows.js';

/** Everything the status page shows; built by the route, rendered by the sections. Public data only. */
export interface StatusView {
  version: string;
  startedAt: string;
  now: string;
  dryRun: boolean;
  model: {
    name: string;
    version: string;
    createdAt: string;
    thresholds: [string, number | null][];
    metrics: [string, string][];
  };
  rollout: {
    orgs: [string, number][];
    /** Repositories known to be public are named; the others are counted only. */
    repos: [string, number][];
    unnamedRepos: number;
  };
  /** Feedback per repository and path, for the rollout table's observed precision. */
  observedPrecision: ObservedPrecisionRow[];
  /** Where the feedback was read: Prometheus over a window, or this process's counters. */
  precisionSource: string;
  counters: [string, number][];
  decisions: DecisionRecord[];
}

/** One section of the page: a heading and its HTML (already escaped). */
export type StatusSection = (view: StatusView) => { title: string; html: string };
