import { ADDED_KIND, REMOVED_KIND, WORKER_LABEL_FEEDBACK, WORKER_LABELS_APPLIED } from '@labelbot/rollout';
import { Counter, createRegistry } from '@labelbot/telemetry';
import { describe, expect, it } from 'vitest';
import { createFrontMetrics } from '../src/metrics/create-front-metrics.js';
import { collectObservedFeedback } from '../src/views/status-page/collect-observed-precision.js';
import { precisionByModelSection } from '../src/views/status-page/precision-by-model-section.js';
import { precisionRows } from '../src/views/status-page/precision-rows.js';
import { rolloutPrecisionSection } from '../src/views/status-page/rollout-precision-section.js';
import type { StatusView } from '../src/views/status-page/status-view.js';

const G = 'generic@g1';
const V1 = 'a/public@v1';
const V2 = 'a/public@v2';

const rowsOf = (html: string) =>
  [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1]),
  );

describe('observed precision on the status page', () => {
  it('counts applied and removed labels per repository, path and model from the series the front and worker export', async () => {
    const registry = createRegistry();
    const front = createFrontMetrics(registry);
    // The worker's counters, declared from the same shared names and labels (`labelbot dev` runs both on one registry).
    const workerApplied = new Counter({ ...WORKER_LABELS_APPLIED, help: 'worker', registers: [registry] });
    const workerFeedback = new Counter({ ...WORKER_LABEL_FEEDBACK, help: 'worker', registers: [registry] });
    front.predictions.inc({ path: 'generic', label: 'bug', repo: 'a/public' }, 50);

    const generic = (repo: string) => ({ path: 'generic', label: 'bug', repo, model: G });
    front.labelsApplied.inc({ ...generic('a/public'), dry_run: 'false' }, 10);
    front.labelsApplied.inc({ ...generic('a/public'), dry_run: 'true' }, 99);
    front.labelFeedback.inc({ ...generic('a/public'), kind: REMOVED_KIND }, 3);
    const forwarded = (model: string) => ({ path: 'forwarded', label: 'area/x', repo: 'a/public', model });
    workerApplied.inc({ ...forwarded(V1), dry_run: 'false' }, 6);
    workerApplied.inc({ ...forwarded(V2), dry_run: 'false' }, 2);
    workerApplied.inc({ ...forwarded(V2), dry_run: 'true' }, 40);
    workerFeedback.inc({ ...forwarded(V1), kind: REMOVED_KIND }, 1);
    workerFeedback.inc({ ...forwarded(V2), kind: ADDED_KIND }, 5);
    front.labelFeedback.inc({ ...forwarded('unknown'), kind: REMOVED_KIND }, 1);
    // A private repository named in the file: its name and its own model's name stay off the page.
    workerApplied.inc({ path: 'forwarded', label: 'x', repo: 'a/secret', model: 'a/secret@v9', dry_run: 'false' }, 4);
    front.labelsApplied.inc({ ...generic('a/secret'), dry_run: 'false' }, 4);
    front.labelsApplied.inc({ ...generic('other'), dry_run: 'false' }, 6);
    front.labelFeedback.inc({ ...generic('a/secret'), kind: REMOVED_KIND }, 2);

    const rows = precisionRows(await collectObservedFeedback(registry), (name) => name === 'a/public');
    expect(rows).toEqual([
      {
        repo: 'a/public',
        forwarded: {
          applied: 8,
          removed: 2,
          models: [
            { model: V1, applied: 6, removed: 1 },
            { model: V2, applied: 2, removed: 0 },
            { model: 'unknown', applied: 0, removed: 1 },
          ],
        },
        generic: { applied: 10, removed: 3, models: [{ model: G, applied: 10, removed: 3 }] },
      },
      {
        repo: 'other',
        forwarded: { applied: 4, removed: 0, models: [{ model: 'other', applied: 4, removed: 0 }] },
        generic: { applied: 10, removed: 2, models: [{ model: G, applied: 10, removed: 2 }] },
      },
    ]);
  });

  it('renders entries with their probability, each path with precision and sample size, then each model version', () => {
    const path = (applied: number, removed: number, models: [string, number, number][] = []) => ({
      applied,
      removed,
      models: models.map(([model, a, r]) => ({ model, applied: a, removed: r })),
    });
    const view = {
      rollout: { orgs: [['a', 1]], repos: [['a/public', 0.25]], unnamedRepos: 1 },
      precisionSource: 'Prometheus, both services, last 7d',
      observedPrecision: [
        {
          repo: 'a/public',
          forwarded: path(8, 1, [
            [V1, 6, 1],
            [V2, 2, 0],
          ]),
          generic: path(10, 3, [[G, 10, 3]]),
        },
        { repo: 'other', forwarded: path(0, 0), generic: path(10, 2, [[G, 10, 2]]) },
      ],
    } as unknown as StatusView;
    const { html } = rolloutPrecisionSection(view);
    expect(rowsOf(html).slice(1)).toEqual([
      ['a', 'org', '1', '—', '0', '—', '0'],
      ['a/public', 'repo', '0.25', '0.875', '8', '0.700', '10'],
      ['other', 'no entry', '—', '—', '0', '0.800', '10'],
    ]);
    expect(html).toContain('1 more repositories');
    expect(html).toContain('Precision from Prometheus, both services, last 7d, summed over model versions.');
    expect(rowsOf(precisionByModelSection(view).html)).toEqual([
      ['repository', 'path', 'model', 'precision', 'samples', 'removed'],
      ['a/public', 'forwarded', V1, '0.833', '6', '1'],
      ['a/public', 'forwarded', V2, '1.000', '2', '0'],
      ['a/public', 'generic', G, '0.700', '10', '3'],
      ['other', 'generic', G, '0.800', '10', '2'],
    ]);
  });
});
