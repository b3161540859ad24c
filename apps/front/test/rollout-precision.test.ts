import { ADDED_KIND, REMOVED_KIND, WORKER_LABELS_APPLIED } from '@labelbot/rollout';
import { Counter, createRegistry } from '@labelbot/telemetry';
import { describe, expect, it } from 'vitest';
import { createFrontMetrics } from '../src/metrics/create-front-metrics.js';
import { collectObservedPrecision } from '../src/views/status-page/collect-observed-precision.js';
import { rolloutPrecisionSection } from '../src/views/status-page/rollout-precision-section.js';
import type { StatusView } from '../src/views/status-page/status-view.js';

describe('observed precision on the status page', () => {
  it('counts applied and removed labels per repository and path from the series the front and worker export', async () => {
    const registry = createRegistry();
    const front = createFrontMetrics(registry);
    // The worker's counter, declared from the same shared name and labels (`labelbot dev` runs both on one registry).
    const workerApplied = new Counter({ ...WORKER_LABELS_APPLIED, help: 'worker', registers: [registry] });
    front.predictions.inc({ path: 'generic', label: 'bug', repo: 'a/public' }, 50);

    front.labelsApplied.inc({ path: 'generic', label: 'bug', repo: 'a/public', dry_run: 'false' }, 10);
    front.labelsApplied.inc({ path: 'generic', label: 'bug', repo: 'a/public', dry_run: 'true' }, 99);
    front.labelFeedback.inc({ path: 'generic', label: 'bug', repo: 'a/public', kind: REMOVED_KIND }, 3);
    workerApplied.inc({ path: 'forwarded', label: 'area/x', repo: 'a/public', dry_run: 'false' }, 8);
    workerApplied.inc({ path: 'forwarded', label: 'area/x', repo: 'a/public', dry_run: 'true' }, 40);
    front.labelFeedback.inc({ path: 'forwarded', label: 'area/x', repo: 'a/public', kind: REMOVED_KIND }, 1);
    front.labelFeedback.inc({ path: 'forwarded', label: 'area/y', repo: 'a/public', kind: ADDED_KIND }, 5);
    front.labelsApplied.inc({ path: 'generic', label: 'bug', repo: 'a/secret', dry_run: 'false' }, 4);
    front.labelsApplied.inc({ path: 'generic', label: 'bug', repo: 'other', dry_run: 'false' }, 6);
    front.labelFeedback.inc({ path: 'generic', label: 'bug', repo: 'a/secret', kind: REMOVED_KIND }, 2);

    const rows = await collectObservedPrecision(registry, (name) => name === 'a/public');
    expect(rows).toEqual([
      { repo: 'a/public', forwarded: { applied: 8, removed: 1 }, generic: { applied: 10, removed: 3 } },
      { repo: 'other', forwarded: { applied: 0, removed: 0 }, generic: { applied: 10, removed: 2 } },
    ]);
  });

  it('renders entries with their probability and each path with precision and sample size', () => {
    const view = {
      rollout: { orgs: [['a', 1]], repos: [['a/public', 0.25]], unnamedRepos: 1 },
      observedPrecision: [
        { repo: 'a/public', forwarded: { applied: 8, removed: 1 }, generic: { applied: 10, removed: 3 } },
        { repo: 'other', forwarded: { applied: 0, removed: 0 }, generic: { applied: 10, removed: 2 } },
      ],
    } as unknown as StatusView;
    const { html } = rolloutPrecisionSection(view);
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
      [...(row[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1]),
    );
    expect(rows.slice(1)).toEqual([
      ['a', 'org', '1', '—', '0', '—', '0'],
      ['a/public', 'repo', '0.25', '0.875', '8', '0.700', '10'],
      ['other', 'no entry', '—', '—', '0', '0.800', '10'],
    ]);
    expect(html).toContain('1 more repositories');
  });
});
