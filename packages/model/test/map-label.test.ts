import { describe, expect, it } from 'vitest';
import { mapLabel, prepareExamples, selectLabels } from '../src/index.js';

const named = (labels: string[]) => ({ repo: 'a/b', number: 1, title: 't', body: '', labels, created_at: null });
const prototypeNames = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];

describe('label names that are Object.prototype keys', () => {
  it('map to themselves unless the label map has its own entry', () => {
    for (const label of prototypeNames) expect(mapLabel({}, label)).toBe(label);
    expect(mapLabel({ constructor: 'bug' }, 'constructor')).toBe('bug');
  });

  it('are labels like any other when preparing examples and selecting labels', () => {
    const issues = prototypeNames.map((label) => named([label]));
    expect(prepareExamples(issues, 'multiclass', undefined, {}).labels).toEqual([...prototypeNames].sort());
    const selection = selectLabels(
      issues.flatMap((issue) => [issue, issue]),
      { minCount: 2, exclude: [] },
    );
    expect(Object.fromEntries(prototypeNames.map((l) => [l, selection.counts[l]]))).toEqual(
      Object.fromEntries(prototypeNames.map((l) => [l, 2])),
    );
    expect([...selection.labels].sort()).toEqual([...prototypeNames].sort());
    expect(selectLabels([named(['bug'])], { labels: ['toString'] }).labels).toEqual(['toString']);
  });
});
