import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decideRoute, parseForwardingConfig, repoMetricLabel, stickyDraw } from '../src/index.js';

const issues = Array.from({ length: 5000 }, (_, i) => ({ owner: 'kubeflow', repo: 'pipelines', number: i + 1 }));

describe('stickyDraw', () => {
  it('follows the documented recipe, ignoring the case of names', () => {
    const digest = createHash('sha256').update('kubeflow/pipelines#42').digest();
    expect(stickyDraw('Kubeflow', 'Pipelines', 42)).toBe(digest.readUIntBE(0, 6) / 2 ** 48);
    expect(stickyDraw('kubeflow', 'pipelines', 42)).toBe(stickyDraw('KUBEFLOW', 'PIPELINES', 42));
    expect(stickyDraw('kubeflow', 'pipelines', 42)).not.toBe(stickyDraw('kubeflow', 'pipelines', 43));
  });

  it('spreads issues evenly over [0, 1)', () => {
    const draws = issues.map((issue) => stickyDraw(issue.owner, issue.repo, issue.number));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    for (const p of [0.1, 0.25, 0.5, 0.9]) {
      const share = draws.filter((draw) => draw < p).length / draws.length;
      expect(Math.abs(share - p)).toBeLessThan(0.03);
    }
  });
});

describe('decideRoute', () => {
  const config = parseForwardingConfig('orgs:\n  kubeflow: 1.0\n  other-org: 0\nrepos:\n  kubeflow/pipelines: 0.25\n');

  it('lets a repo entry beat its org entry, and an org entry cover its repos', () => {
    const repo = decideRoute(config, { owner: 'kubeflow', repo: 'pipelines', number: 1 });
    expect(repo).toMatchObject({ probability: 0.25, matched: 'repo' });
    expect(decideRoute(config, { owner: 'Kubeflow', repo: 'katib', number: 7 })).toEqual({
      path: 'forwarded',
      probability: 1,
      matched: 'org',
    });
    expect(decideRoute(config, { owner: 'other-org', repo: 'x', number: 7 })).toEqual({
      path: 'generic',
      probability: 0,
      matched: 'org',
    });
    expect(decideRoute(config, { owner: 'octocat', repo: 'hello', number: 7 })).toEqual({
      path: 'generic',
      probability: 0,
      matched: 'none',
    });
  });

  it('forwards exactly the issues whose draw is below p, so raising p only adds issues', () => {
    const forwardedAt = (p: number) => {
      const ramped = parseForwardingConfig(`repos:\n  kubeflow/pipelines: ${p}\n`);
      return new Set(issues.filter((issue) => decideRoute(ramped, issue).path === 'forwarded').map((i) => i.number));
    };
    const steps = [0, 0.1, 0.25, 0.5, 1].map(forwardedAt);
    expect(steps[0]?.size).toBe(0);
    expect(steps[4]?.size).toBe(issues.length);
    for (let i = 1; i < steps.length; i++) {
      for (const number of steps[i - 1] ?? []) expect(steps[i]?.has(number)).toBe(true);
      expect(steps[i]?.size).toBeGreaterThan(steps[i - 1]?.size ?? 0);
    }
    for (const issue of issues.slice(0, 200)) {
      const expected = stickyDraw(issue.owner, issue.repo, issue.number) < 0.25 ? 'forwarded' : 'generic';
      expect(decideRoute(config, issue).path).toBe(expected);
    }
  });

  it('gives a metric label only to repositories named in the file', () => {
    expect(repoMetricLabel(config, 'Kubeflow', 'Pipelines')).toBe('kubeflow/pipelines');
    expect(repoMetricLabel(config, 'kubeflow', 'katib')).toBe('other');
  });
});
