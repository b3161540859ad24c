import { describe, expect, it } from 'vitest';
import { ForwardingConfigError, parseForwardingConfig } from '../src/index.js';

function problemsOf(text: string): readonly string[] {
  try {
    parseForwardingConfig(text, 'forwarded_repo.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ForwardingConfigError);
    return (error as ForwardingConfigError).problems;
  }
  throw new Error('expected the file to be refused');
}

describe('parseForwardingConfig', () => {
  it('reads the original format, comments and all', () => {
    const config = parseForwardingConfig(
      '# rollout\norgs:\n  kubeflow: 1.0\n  tensorflow: 0\nrepos:\n  kubeflow/pipelines: 0.25 # ramping\n  octo-org/my.repo_2: 1\n',
    );
    expect(config).toEqual({
      orgs: { kubeflow: 1, tensorflow: 0 },
      repos: { 'kubeflow/pipelines': 0.25, 'octo-org/my.repo_2': 1 },
    });
  });

  it('reads an empty file and empty sections as no entries', () => {
    expect(parseForwardingConfig('')).toEqual({ orgs: {}, repos: {} });
    expect(parseForwardingConfig('# nothing forwarded yet\n')).toEqual({ orgs: {}, repos: {} });
    expect(parseForwardingConfig('orgs:\nrepos:\n  a/b: 0.5\n')).toEqual({ orgs: {}, repos: { 'a/b': 0.5 } });
  });

  it('names the key whose probability is out of range or not a number', () => {
    expect(problemsOf('orgs:\n  kubeflow: 1.5\nrepos:\n  a/b: -0.1\n  c/d: "0.5"\n  e/f: .nan\n')).toEqual([
      'orgs.kubeflow: the probability must be a number in [0, 1]',
      'repos.a/b: the probability must be a number in [0, 1]',
      'repos.c/d: the probability must be a number in [0, 1]',
      'repos.e/f: the probability must be a number in [0, 1]',
    ]);
  });

  it('names malformed organisation and repository names', () => {
    expect(problemsOf('orgs:\n  -bad-: 1\n  kubeflow/pipelines: 1\nrepos:\n  justaname: 0.5\n  a/..: 1\n')).toEqual([
      "orgs: '-bad-' is not a well-formed organisation login",
      "orgs: 'kubeflow/pipelines' is not a well-formed organisation login",
      "repos: 'justaname' is not a well-formed owner/name",
      "repos: 'a/..' is not a well-formed owner/name",
    ]);
  });

  it('refuses unknown keys, wrong shapes and names that differ only by case', () => {
    expect(problemsOf('orgs: {}\nrepo:\n  a/b: 1\n')).toEqual(["unknown key 'repo' (expected orgs, repos)"]);
    expect(problemsOf('orgs:\n  - kubeflow\n')).toEqual(['orgs: must be a mapping of name to probability']);
    expect(problemsOf('- kubeflow\n')).toEqual(['the file must be a mapping with `orgs` and/or `repos`']);
    expect(problemsOf('repos:\n  Kubeflow/Pipelines: 1\n  kubeflow/pipelines: 0\n')).toEqual([
      "repos: 'Kubeflow/Pipelines' and 'kubeflow/pipelines' name the same entry",
    ]);
  });

  it('refuses broken YAML, duplicate keys and tags outside the core schema', () => {
    expect(problemsOf('orgs: {kubeflow: 1\n')[0]).toMatch(/^invalid YAML: /);
    expect(problemsOf('orgs:\n  a: 1\n  a: 0\n')[0]).toMatch(/^invalid YAML: .*duplicate/i);
    expect(problemsOf('orgs:\n  a: !!js/function "function () { return 1 }"\n')[0]).toMatch(/^invalid YAML: /);
  });

  it('puts the source in the message', () => {
    expect(() => parseForwardingConfig('orgs:\n  a: 2\n', '/etc/labelbot/forwarded_repo.yaml')).toThrow(
      '/etc/labelbot/forwarded_repo.yaml: orgs.a: the probability must be a number in [0, 1]',
    );
  });
});
