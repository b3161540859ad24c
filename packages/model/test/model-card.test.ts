import { describe, expect, it } from 'vitest';
import { compareModels } from '../src/compare-models.js';
import { evaluatePredictions } from '../src/evaluate-predictions.js';
import { renderModelCard } from '../src/model-card.js';
import type { ModelManifest } from '../src/types.js';

const manifest: ModelManifest = {
  schemaVersion: 1,
  name: 'acme/widgets',
  version: '20260101T000000Z',
  task: 'multilabel',
  labels: ['area/ui', 'kind/bug'],
  thresholds: { 'area/ui': 0.42, 'kind/bug': null },
  featurizer: { name: 'f', version: 1, params: {} },
  training: {
    sources: [{ file: 'w.jsonl', rows: 40, sha256: 'ab'.repeat(32) }],
    thresholdOptions: { precisionTarget: 0.8, minRecall: 0.1 },
  },
  metrics: {},
  createdAt: '2026-01-01T00:00:00Z',
  sha256: 'cd'.repeat(32),
};

describe('renderModelCard', () => {
  const report = evaluatePredictions(manifest.labels, [['area/ui'], ['kind/bug'], []], [['area/ui'], [], []]);
  it('lists data, per-label results and what is never predicted, with the reason', () => {
    const card = renderModelCard({
      manifest,
      evaluation: { report, labelSetAccuracy: 2 / 3, description: 'held-out: latest 20%' },
      counts: { 'area/ui': 25, 'kind/bug': 21 },
      excluded: [{ label: 'stale', count: 9, reason: 'workflow label', pattern: 'stale' }],
    });
    expect(card).toContain('# Model card: acme/widgets 20260101T000000Z');
    expect(card).toContain('- data: w.jsonl (40 issues');
    expect(card).toContain('| area/ui | 25 | 0.420 | 1.000 | 1.000 | 1.000 | 1 | 1 |');
    expect(card).toContain('- kind/bug: no threshold (could not reach precision 0.8 with recall >= 0.1 on validation)');
    expect(card).toContain("- stale (9 issues): workflow label (matches 'stale')");
    const drift = renderModelCard({
      manifest: {
        ...manifest,
        training: { thresholdOptions: { precisionTarget: 0.8, slack: 0.1, minRecall: 0.1, shareDrop: 2 } },
      },
      evaluation: null,
    });
    expect(drift).toContain(
      '- kind/bug: no threshold (could not reach precision 0.8, confidence bound >= 0.70, and >= 0.70 were its share of issues to fall 2x, with recall >= 0.1 on validation)',
    );
    expect(card).toContain('label-set accuracy 0.667');
  });

  it('says when a label had too few validation issues to be judged, not that it missed the target', () => {
    const card = renderModelCard({
      manifest: {
        ...manifest,
        training: {
          thresholdOptions: { precisionTarget: 0.8, minRecall: 0.1, minSupport: 3 },
          counts: { validation: { 'area/ui': 12, 'kind/bug': 2 } },
        },
      },
      evaluation: null,
    });
    expect(card).toContain(
      '- kind/bug: no threshold (2 validation issues carry it, fewer than the 3 needed to judge a threshold)',
    );
  });

  it('adds the comparison with the live model', () => {
    const comparison = compareModels(
      { version: manifest.version, report, thresholds: manifest.thresholds },
      { version: 'old', report, thresholds: manifest.thresholds },
    );
    const card = renderModelCard({ manifest, evaluation: null, comparison: { ...comparison, forced: true } });
    expect(card).toContain('## Compared with the live model old');
    expect(card).toContain('Verdict: **same** (published with --force)');
    expect(card).toContain('| precision area/ui | 1.000 | 1.000 |');
  });
});
