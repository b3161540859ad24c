import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataset, workflowLabelMatcher } from '@labelbot/model';
import { describe, expect, it } from 'vitest';
import { trainRepoModel } from '../src/repo-model/train-repo-model.js';

const datasets = fileURLToPath(new URL('../../../../shared/datasets/repos', import.meta.url));
const present = existsSync(datasets);
if (!present) console.log(`skipping repository-model training: no datasets at ${datasets} (../shared/datasets/repos)`);

describe.skipIf(!present)('multi-label repository model on ../shared/datasets/repos', () => {
  it('trains golang/go with workflow labels excluded, a time split, thresholds and a card', async () => {
    const issues = await readDataset(join(datasets, 'golang-go.jsonl'));
    const result = await trainRepoModel(issues, {
      name: 'golang/go',
      seed: 1,
      selection: {},
      sources: [{ file: 'golang-go.jsonl', rows: issues.length, sha256: '0'.repeat(64) }],
      createdAt: '2026-01-01T00:00:00Z',
    });
    const { manifest } = result.bundle;
    expect(manifest.task).toBe('multilabel');
    for (const workflow of ['NeedsFix', 'NeedsInvestigation', 'FrozenDueToAge']) {
      expect(manifest.labels).not.toContain(workflow);
      expect(result.card).toContain(`- ${workflow} (`);
    }
    // Issues with workflow labels only are left out as untriaged; every other issue is older than the holdout.
    const isWorkflow = workflowLabelMatcher();
    const trained = issues.filter((i) => !result.holdout.includes(i) && i.labels.some((l) => !isWorkflow(l)));
    const newestTrained = Math.max(...trained.map((i) => i.number));
    expect(Math.min(...result.holdout.map((i) => i.number))).toBeGreaterThan(newestTrained);
    const validation = manifest.metrics.validation as {
      perLabel: Record<string, { threshold: number | null; precision: number }>;
    };
    for (const [label, t] of Object.entries(validation.perLabel)) {
      expect(manifest.thresholds[label]).toBe(t.threshold);
      if (t.threshold !== null) expect(t.precision).toBeGreaterThanOrEqual(0.8);
    }
    expect(Object.values(manifest.thresholds).some((t) => t !== null)).toBe(true);
    expect(result.evaluation?.report.count).toBe(result.holdout.length);
    expect(result.card).toMatch(/label-set accuracy \d\.\d{3}/);
  });
});
