import { describe, expect, it } from 'vitest';
import { parseForwardingConfig } from '../src/index.js';
import { diffLines, setForwardingProbability } from '../src/operations.js';

const FILE = `# Which repositories use their own model (see the README).
orgs:
  kubeflow: 1.0 # the whole org is on the worker
repos:
  # ramping since January
  Kubeflow/Pipelines: 0.25
  tensorflow/tensorflow: 0
`;

describe('setForwardingProbability', () => {
  it('changes one value and keeps every comment, the key spelling and the order', () => {
    const edit = setForwardingProbability(FILE, { section: 'repos', name: 'kubeflow/pipelines' }, 0.5);
    expect(edit.text).toBe(FILE.replace('Kubeflow/Pipelines: 0.25', 'Kubeflow/Pipelines: 0.5'));
    expect(edit.config.repos['Kubeflow/Pipelines']).toBe(0.5);
  });

  it('changes only the value: alignment, how other numbers are written, tags and CRLF line endings stay', () => {
    const file = 'repos:\r\n  a/b:  .5     # ramping\r\n  c/d:  !!float 1 # all in\r\n  e/f:  1e0\r\n';
    const edit = setForwardingProbability(file, { section: 'repos', name: 'c/d' }, 0.25);
    expect(edit.text).toBe(file.replace('!!float 1 #', '!!float 0.25 #'));
    expect(edit.config.repos).toEqual({ 'a/b': 0.5, 'c/d': 0.25, 'e/f': 1 });
  });

  it('adds a new entry at the end of its section, and creates a missing section', () => {
    const added = setForwardingProbability(FILE, { section: 'orgs', name: 'octo-org' }, 0.1);
    expect(added.text).toContain('  kubeflow: 1.0 # the whole org is on the worker\n  octo-org: 0.1\nrepos:');
    const created = setForwardingProbability('# empty for now\n', { section: 'repos', name: 'a/b' }, 1);
    expect(parseForwardingConfig(created.text)).toEqual({ orgs: {}, repos: { 'a/b': 1 } });
    expect(created.text).toContain('# empty for now');
    const flow = setForwardingProbability('# prod\norgs: {}\nrepos: {}\n', { section: 'repos', name: 'a/b' }, 0.1);
    expect(flow.text).toBe('# prod\norgs: {}\nrepos:\n  a/b: 0.1\n');
    const emptySection = setForwardingProbability('orgs:\nrepos:\n', { section: 'orgs', name: 'x' }, 0.5);
    expect(parseForwardingConfig(emptySection.text)).toEqual({ orgs: { x: 0.5 }, repos: {} });
  });

  it('refuses an edit that leaves the file invalid, and can repair the entry that was wrong', () => {
    expect(() => setForwardingProbability(FILE, { section: 'repos', name: 'a/b' }, 2)).toThrow(
      'repos.a/b: the probability must be a number in [0, 1]',
    );
    const broken = 'repos:\n  a/b: 7 # typo\n  c/d: 0.5\n';
    expect(setForwardingProbability(broken, { section: 'repos', name: 'a/b' }, 0.7).text).toBe(
      'repos:\n  a/b: 0.7 # typo\n  c/d: 0.5\n',
    );
    expect(() => setForwardingProbability(broken, { section: 'repos', name: 'c/d' }, 1)).toThrow('repos.a/b');
  });
});

describe('diffLines', () => {
  it('marks kept, removed and added lines', () => {
    expect(diffLines('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual(['  a', '- b', '+ B', '  c', '+ d']);
    expect(diffLines('same\n', 'same\n')).toEqual(['  same']);
  });
});
