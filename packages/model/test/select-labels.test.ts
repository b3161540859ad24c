import { describe, expect, it } from 'vitest';
import { selectLabels, workflowLabelMatcher } from '../src/select-labels.js';

const issues = [
  ...Array.from({ length: 30 }, () => ({ labels: ['area/ui', 'stale'] })),
  ...Array.from({ length: 25 }, () => ({ labels: ['enhancement', 'triage/accepted', 'lifecycle/frozen'] })),
  ...Array.from({ length: 10 }, () => ({ labels: ['feature', 'NeedsFix', 'FrozenDueToAge', 'done'] })),
  ...Array.from({ length: 3 }, () => ({ labels: ['rare'] })),
];

describe('selectLabels', () => {
  it('drops workflow labels by the default patterns and labels below the minimum count', () => {
    const selection = selectLabels(issues, { minCount: 20 });
    expect(selection.labels).toEqual(['area/ui', 'enhancement']);
    const reasons = Object.fromEntries(selection.excluded.map((e) => [e.label, e.reason]));
    expect(reasons).toEqual({
      stale: 'workflow label',
      'triage/accepted': 'workflow label',
      'lifecycle/frozen': 'workflow label',
      NeedsFix: 'workflow label',
      FrozenDueToAge: 'workflow label',
      done: 'workflow label',
      feature: 'too few examples',
      rare: 'too few examples',
    });
  });

  it('orders labels of equal count by code units, the same on every machine (not by the locale)', () => {
    const tied = Array.from({ length: 25 }, () => ({ labels: ['zh', 'area', 'Bug', 'aardvark', 'ch'] }));
    expect(selectLabels(tied).labels).toEqual(['Bug', 'aardvark', 'area', 'ch', 'zh']);
  });

  it('merges with --map before counting, so merged labels can pass the minimum', () => {
    const selection = selectLabels(issues, { minCount: 20, map: { feature: 'enhancement' } });
    expect(selection.counts.enhancement).toBe(35);
    expect(selection.labels).toEqual(['enhancement', 'area/ui']);
  });

  it('lets the maintainer replace the exclude patterns', () => {
    const selection = selectLabels(issues, { minCount: 20, exclude: ['area/*'] });
    expect(selection.labels).toEqual(['stale', 'enhancement', 'lifecycle/frozen', 'triage/accepted']);
    expect(selection.excluded.find((e) => e.label === 'area/ui')).toMatchObject({
      reason: 'workflow label',
      pattern: 'area/*',
    });
  });

  it('uses an explicit --labels list as given', () => {
    const selection = selectLabels(issues, { labels: ['rare', 'stale', 'missing'] });
    expect(selection.labels).toEqual(['stale', 'rare', 'missing']);
    expect(selection.excluded.map((e) => e.reason)).toContain('not in --labels');
  });

  it('tells workflow labels by the same patterns (what marks an issue untriaged for content)', () => {
    const isWorkflow = workflowLabelMatcher();
    expect(['stale', 'NeedsFix', 'triage/accepted', 'good first issue', 'Duplicate'].every(isWorkflow)).toBe(true);
    expect(['area/ui', 'bug', 'enhancement'].some(isWorkflow)).toBe(false);
    expect(workflowLabelMatcher(['area/*'])('area/ui')).toBe(true);
    expect(workflowLabelMatcher([''])('stale')).toBe(false);
  });
});
