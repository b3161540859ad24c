import { Counter, createRegistry } from '@labelbot/telemetry';
import { describe, expect, it } from 'vitest';
import { collectObservedPrecision } from '../src/views/status-page/collect-observed-precision.js';
import { rolloutPrecisionSection } from '../src/views/status-page/rollout-precision-section.js';
import type { StatusView } from '../src/views/status-page/status-view.js';

describe('observed precision on the status page', () => {
  it('counts applied and removed labels per repository and path from the feedback counters', async () => {
    const registry = createRegistry();
    const counter = (name: string, labelNames: string[]) =>
      new Counter({ name, help: name, labelNames, registers: [registry] });
    const frontApplied = counter('labelbot_front_labels_applied_total', ['path', 'label', 'repo', 'dry_run']);
    const workerApplied = counter('labelbot_worker_labels_applied_total', ['path', 'label', 'repo']);
    const frontRemoved = counter('labelbot_front_label_feedback_total', ['label', 'repo']);
    const workerRemoved = counter('labelbot_label_feedback_total', ['path', 'label', 'repo', 'kind']);
    counter('labelbot_front_predictions_total', ['path', 'label', 'repo']).inc(
      { path: 'generic', repo: 'a/public' },
      50,
    );

    frontApplied.inc({ path: 'generic', label: 'bug', repo: 'a/public', dry_run: 'false' }, 10);
    frontApplied.inc({ path: 'generic', label: 'bug', repo: 'a/public', dry_run: 'true' }, 99);
    frontRemoved.inc({ label: 'bug', repo: 'a/public' }, 3);
    workerApplied.inc({ path: 'forwarded', label: 'area/x', repo: 'a/public' }, 8);
    workerRemoved.inc({ path: 'forwarded', label: 'area/x', repo: 'a/public', kind: 'bot-label-removed' }, 1);
    workerRemoved.inc({ path: 'forwarded', label: 'area/y', repo: 'a/public', kind: 'person-label-added' }, 5);
    frontApplied.inc({ path: 'generic', label: 'bug', repo: 'a/secret', dry_run: 'false' }, 4);
    frontApplied.inc({ path: 'generic', label: 'bug', repo: 'other', dry_run: 'false' }, 6);
    frontRemoved.inc({ label: 'bug', repo: 'a/secret' }, 2);

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
