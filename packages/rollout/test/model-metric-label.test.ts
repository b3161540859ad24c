import { describe, expect, it } from 'vitest';
import { labelMetricLabel, modelMetricLabel } from '../src/index.js';

describe('metric label values stay bounded', () => {
  it('keeps a named repository’s labels as applied; maps the others to the model’s own labels or `other`', () => {
    const model = ['bug', 'feature', 'question'];
    expect(labelMetricLabel('kubeflow/pipelines', 'kind/bug', model)).toBe('kind/bug');
    expect(labelMetricLabel('other', 'Bug', model)).toBe('bug');
    expect(labelMetricLabel('other', 'kind/bug', model)).toBe('other');
    expect(labelMetricLabel('other', 'enhancement', [])).toBe('other');
  });

  it('names a repository’s own model `other` when the repository is', () => {
    const own = { source: 'repo' as const, target: 'Octo/App', version: 'v1' };
    expect(modelMetricLabel('other', own)).toBe('other');
    expect(modelMetricLabel('octo/app', own)).toBe('octo/app@v1');
    expect(modelMetricLabel('other', { source: 'generic', target: 'generic', version: 'g1' })).toBe('generic@g1');
  });
});
