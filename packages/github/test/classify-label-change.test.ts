import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { GitHubStandIn } from '../../../test/support/github-stand-in.js';
import { startGitHubStandIn } from '../../../test/support/github-stand-in.js';
import { classifyLabelChange, createIssueLabeler, type LabelChangeInput } from '../src/index.js';
import { labelRequest } from './label-request.js';
import { clientFor, INSTALLATION, OWNER, seededStandIn } from './support.js';

interface UnlabeledPayload {
  action: string;
  sender: { login: string };
  label: { name: string };
  repository: { name: string; owner: { login: string } };
  issue: { number: number };
}
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: UnlabeledPayload[];
}[];
const unlabeled = examples.find((e) => e.name === 'issues')?.examples.find((e) => e.action === 'unlabeled');

describe('classifyLabelChange against the issue timeline', () => {
  let standIn: GitHubStandIn;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined as never;
  });

  const setup = async () => {
    standIn = await seededStandIn();
    const { client, logger } = clientFor(standIn);
    const labeler = createIssueLabeler({ client, dryRun: false, logger });
    const change = (over: Pick<LabelChangeInput, 'label' | 'action' | 'actor'> & Partial<LabelChangeInput>) =>
      classifyLabelChange({
        client,
        installationId: INSTALLATION,
        owner: OWNER,
        repo: 'app',
        issueNumber: 1,
        botLogin: standIn.botLogin,
        ...over,
      });
    return { labeler, change };
  };

  it('a person removing a label the bot applied is bot-label-removed', async () => {
    const { labeler, change } = await setup();
    await labeler.labelIssue(labelRequest(['bug']));
    standIn.state.unlabelByPerson('octo-org/app', 1, 'bug', 'alice');
    expect(await change({ label: 'bug', action: 'unlabeled', actor: 'alice' })).toBe('bot-label-removed');
    expect(standIn.requests.at(-1)?.route).toBe('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline');
  });

  it('a person removing their own label is not counted, even when the bot labelled other things', async () => {
    const { labeler, change } = await setup();
    await labeler.labelIssue(labelRequest(['question']));
    standIn.state.labelByPerson('octo-org/app', 1, 'bug', 'alice');
    standIn.state.unlabelByPerson('octo-org/app', 1, 'bug', 'bob');
    expect(await change({ label: 'bug', action: 'unlabeled', actor: 'bob' })).toBe('not-counted');
  });

  it('a label the bot applied, removed and re-added by a person, then removed again, counts the person as applier', async () => {
    const { labeler, change } = await setup();
    await labeler.labelIssue(labelRequest(['bug']));
    standIn.state.unlabelByPerson('octo-org/app', 1, 'bug', 'alice');
    standIn.state.labelByPerson('octo-org/app', 1, 'bug', 'carol');
    standIn.state.unlabelByPerson('octo-org/app', 1, 'bug', 'alice');
    expect(await change({ label: 'bug', action: 'unlabeled', actor: 'alice' })).toBe('not-counted');
  });

  it('a person adding a label the bot did not apply is label-added-by-person', async () => {
    const { change } = await setup();
    standIn.state.labelByPerson('octo-org/app', 1, 'feature', 'alice');
    expect(
      await change({
        label: 'feature',
        action: 'labeled',
        actor: 'alice',
        modelLabels: ['bug', 'feature', 'question'],
      }),
    ).toBe('label-added-by-person');
  });

  it('a person adding a label outside the model, or re-adding the bot label, is not counted', async () => {
    const { labeler, change } = await setup();
    standIn.state.labelByPerson('octo-org/app', 1, 'wontfix', 'alice');
    expect(
      await change({
        label: 'wontfix',
        action: 'labeled',
        actor: 'alice',
        modelLabels: ['bug', 'feature', 'question'],
      }),
    ).toBe('not-counted');
    await labeler.labelIssue(labelRequest(['bug']));
    standIn.state.unlabelByPerson('octo-org/app', 1, 'bug', 'alice');
    standIn.state.labelByPerson('octo-org/app', 1, 'bug', 'alice');
    expect(await change({ label: 'bug', action: 'labeled', actor: 'alice' })).toBe('not-counted');
  });

  it("the bot's own changes are ignored without calling GitHub; other Apps are not counted", async () => {
    const { change } = await setup();
    expect(await change({ label: 'bug', action: 'labeled', actor: standIn.botLogin })).toBe('ignored');
    expect(await change({ label: 'bug', action: 'unlabeled', actor: 'renovate[bot]' })).toBe('not-counted');
    expect(standIn.requests).toEqual([]);
  });

  it('attributes a real issues.unlabeled payload from @octokit/webhooks-examples', async () => {
    if (!unlabeled) throw new Error('no issues.unlabeled example in @octokit/webhooks-examples');
    const owner = unlabeled.repository.owner.login;
    const repo = unlabeled.repository.name;
    standIn = await startGitHubStandIn({
      installations: [
        {
          id: 7,
          account: owner,
          repos: [{ name: repo, labels: [unlabeled.label.name], issues: [{ number: unlabeled.issue.number }] }],
        },
      ],
    });
    const { client, logger } = clientFor(standIn);
    const labeler = createIssueLabeler({ client, dryRun: false, logger });
    const request = labelRequest([unlabeled.label.name]);
    await labeler.labelIssue({
      ...request,
      issue: { ...request.issue, installationId: 7, owner, repo, issueNumber: unlabeled.issue.number },
    });
    standIn.state.unlabelByPerson(
      `${owner}/${repo}`,
      unlabeled.issue.number,
      unlabeled.label.name,
      unlabeled.sender.login,
    );
    const kind = await classifyLabelChange({
      client,
      installationId: 7,
      owner,
      repo,
      issueNumber: unlabeled.issue.number,
      label: unlabeled.label.name,
      action: 'unlabeled',
      actor: unlabeled.sender.login,
      botLogin: standIn.botLogin,
    });
    expect(kind).toBe('bot-label-removed');
  });
});
