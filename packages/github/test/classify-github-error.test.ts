import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRule, GitHubStandIn } from '../../../test/support/github-stand-in.js';
import { classifyGitHubError } from '../src/index.js';
import { clientFor, INSTALLATION, OWNER, seededStandIn } from './support.js';

const LABELS = 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels';

describe('classifyGitHubError against real Octokit errors', () => {
  let standIn: GitHubStandIn;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined as never;
  });

  const failure = async (prepare: (s: GitHubStandIn) => void, repo = 'app'): Promise<unknown> => {
    standIn = await seededStandIn();
    standIn.state.addRepo(INSTALLATION, { name: 'old', archived: true, issues: [{ number: 1 }] });
    const { client } = clientFor(standIn, { retries: 0, maxRateLimitWaitSeconds: 0 });
    prepare(standIn);
    try {
      const octokit = await client.installation(INSTALLATION);
      await octokit.request(LABELS, { owner: OWNER, repo, issue_number: 1, labels: ['bug'] });
    } catch (error) {
      return error;
    }
    throw new Error('expected the call to fail');
  };
  const inject = (fault: FaultRule['fault']) => (s: GitHubStandIn) =>
    s.inject({ route: LABELS, fault, retryAfterSeconds: 30 });

  it.each([
    { name: 'a 500', prepare: inject(500), expected: 'transient' },
    { name: 'a 502 with an HTML body', prepare: inject(502), expected: 'transient' },
    { name: 'a 429', prepare: inject(429), expected: 'transient' },
    { name: 'a secondary rate limit (403)', prepare: inject('secondary-rate-limit'), expected: 'transient' },
    { name: 'a dropped connection', prepare: inject('network'), expected: 'transient' },
    { name: 'a repository that is gone (404)', prepare: inject(404), expected: 'permanent' },
    { name: 'an uninstalled App', prepare: (s: GitHubStandIn) => s.uninstall(INSTALLATION), expected: 'permanent' },
    { name: 'a suspended installation', prepare: (s: GitHubStandIn) => s.suspend(INSTALLATION), expected: 'permanent' },
  ] as const)('$name is $expected', async ({ prepare, expected }) => {
    expect(classifyGitHubError(await failure(prepare))).toBe(expected);
  });

  it('an archived repository (403 read-only) is permanent', async () => {
    const error = await failure(() => {}, 'old');
    expect(error).toMatchObject({ status: 403 });
    expect(classifyGitHubError(error)).toBe('permanent');
  });

  it('a 422 is permanent and a plain Error is transient', () => {
    expect(classifyGitHubError({ status: 422, message: 'Validation Failed' })).toBe('permanent');
    expect(classifyGitHubError(new Error('socket hang up'))).toBe('transient');
  });
});
