import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createInProcessQueue,
  LABEL_FEEDBACK_SCHEMA,
  LabelFeedbackEventSchema,
  type ReceivedMessage,
} from '@labelbot/queue';
import { Compile } from 'typebox/compile';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RepoSeed } from '../../../test/support/github-stand-in.js';
import { type FrontHarness, INSTALLATION, OWNER, startFrontHarness } from './support/front-harness.js';
import { signedDelivery } from './support/signed-delivery.js';
import { issuesPayload } from './support/webhook-examples.js';

const FEEDBACK = 'labelbot_front_label_feedback_total';
const PERSON = { login: 'octocat', type: 'User' as const };
const dir = mkdtempSync(join(tmpdir(), 'labelbot-feedback-'));
const forwardingFile = join(dir, 'forwarded_repo.yaml');
// octo-org/app is forwarded for every issue; octo-org/lib is not named, so generic and `other`.
writeFileSync(forwardingFile, 'orgs: {}\nrepos:\n  octo-org/app: 1\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const repoSeed = (name: string): RepoSeed => ({
  name,
  labels: ['bug', 'feature', 'question', 'kind/bug', 'priority/high'],
  files: name === 'lib' ? { '.github/issue_label_bot.yaml': 'label-alias:\n  bug: kind/bug\n' } : {},
  issues: [],
});

describe('feedback from people on the bot labels, by path', () => {
  let front: FrontHarness;
  beforeEach(async () => {
    front = await startFrontHarness({
      installations: [{ id: INSTALLATION, account: OWNER, repos: [repoSeed('app'), repoSeed('lib')] }],
      env: { FORWARDING_CONFIG: forwardingFile },
    });
  });
  afterEach(async () => {
    await front.close();
  });

  const send = async (
    action: 'labeled' | 'unlabeled',
    repo: string,
    number: number,
    label: string,
    sender: { login: string; type: 'User' | 'Bot' } = PERSON,
  ) => {
    const payload = issuesPayload(action, { owner: OWNER, repo, number, installationId: INSTALLATION, sender });
    payload.label = { name: label };
    return (await front.app.inject(signedDelivery(payload, { event: 'issues' }))).json();
  };
  const botLabelled = (repo: string, number: number, label: string) =>
    front.standIn.state.addIssue(`${OWNER}/${repo}`, {
      number,
      events: [
        { event: 'labeled', label, actor: front.standIn.botLogin, viaApp: true },
        { event: 'unlabeled', label, actor: PERSON.login },
      ],
    });

  it('counts a bot label a person removed on the path that labels the issue; forwarded with model unknown without a worker to tell', async () => {
    botLabelled('app', 11, 'bug');
    botLabelled('lib', 12, 'question');
    const generic = `generic@${front.deps.model.manifest.version}`;
    expect(await send('unlabeled', 'app', 11, 'bug')).toMatchObject({
      outcome: 'accepted',
      path: 'forwarded',
      model: 'unknown',
      messageId: null,
    });
    expect(await send('unlabeled', 'lib', 12, 'question')).toMatchObject({
      outcome: 'accepted',
      path: 'generic',
      model: generic,
    });
    const kind = 'bot-label-removed';
    const forwarded = { path: 'forwarded', repo: 'octo-org/app', label: 'bug', kind, model: 'unknown' };
    expect(await front.metric(FEEDBACK, forwarded)).toBe(1);
    expect(
      await front.metric(FEEDBACK, { path: 'generic', repo: 'other', label: 'question', kind, model: generic }),
    ).toBe(1);
    expect(await front.metric(FEEDBACK)).toBe(2);
    expect(front.log.find('label feedback not handed to the worker; counted here with model unknown')).toHaveLength(1);
  });

  it("does not count a person removing a person's label", async () => {
    front.standIn.state.addIssue(`${OWNER}/app`, {
      number: 13,
      events: [
        { event: 'labeled', label: 'bug', actor: 'maintainer' },
        { event: 'unlabeled', label: 'bug', actor: PERSON.login },
      ],
    });
    expect(await send('unlabeled', 'app', 13, 'bug')).toMatchObject({ outcome: 'ignored', reason: 'not-counted' });
    expect(await front.metric(FEEDBACK)).toBe(0);
  });

  it("counts a person adding one of the model's labels (after label-alias) the bot did not apply", async () => {
    for (const [repo, number] of [
      ['app', 21],
      ['lib', 22],
      ['lib', 23],
      ['app', 24],
    ] as const)
      front.standIn.state.addIssue(`${OWNER}/${repo}`, { number, events: [] });
    front.standIn.state.addIssue(`${OWNER}/app`, {
      number: 25,
      events: [
        { event: 'labeled', label: 'feature', actor: front.standIn.botLogin, viaApp: true },
        { event: 'unlabeled', label: 'feature', actor: PERSON.login },
      ],
    });
    const kind = 'label-added-by-person';
    // Only the worker knows the repository model's labels: without it, a forwarded issue's added label is not counted.
    const unreachable = { outcome: 'ignored', reason: 'worker-unreachable', path: 'forwarded' };
    expect(await send('labeled', 'app', 21, 'feature')).toMatchObject(unreachable);
    expect(await send('labeled', 'lib', 22, 'kind/bug')).toMatchObject({ outcome: 'accepted', path: 'generic' });
    // Not one of the generic model's labels (lib aliases bug to kind/bug; priority/high is never predicted).
    expect(await send('labeled', 'lib', 23, 'bug')).toMatchObject({ outcome: 'ignored', reason: 'not-counted' });
    expect(await send('labeled', 'lib', 23, 'priority/high')).toMatchObject({ outcome: 'ignored' });
    // Another App is not a person.
    const bot = { login: 'label-sync[bot]', type: 'Bot' as const };
    expect(await send('labeled', 'app', 24, 'feature', bot)).toMatchObject({
      outcome: 'ignored',
      reason: 'not-counted',
    });
    // Re-adding a label the bot had applied is not a miss.
    expect(await send('labeled', 'app', 25, 'feature')).toMatchObject({ outcome: 'ignored', reason: 'not-counted' });
    // lib is not named in forwarded_repo.yaml: its alias target kind/bug counts as `other` (bounded label values).
    expect(await front.metric(FEEDBACK, { path: 'generic', repo: 'other', label: 'other', kind })).toBe(1);
    expect(await front.metric(FEEDBACK)).toBe(1);
  });
});

describe('feedback on forwarded issues handed to the worker', () => {
  let front: FrontHarness;
  const received: ReceivedMessage[] = [];
  beforeEach(async () => {
    const queue = createInProcessQueue();
    await queue.subscriber.start(async (message) => {
      received.push(message);
      return 'ack';
    });
    front = await startFrontHarness({
      installations: [{ id: INSTALLATION, account: OWNER, repos: [repoSeed('app')] }],
      env: { FORWARDING_CONFIG: forwardingFile },
      publisher: queue.publisher,
    });
  });
  afterEach(async () => {
    await front.close();
  });

  it('publishes labelbot.label-feedback/v1 for a removal and an added label, and counts neither itself', async () => {
    front.standIn.state.addIssue(`${OWNER}/app`, {
      number: 31,
      events: [{ event: 'labeled', label: 'kind/bug', actor: front.standIn.botLogin, viaApp: true }],
    });
    const send = async (action: 'labeled' | 'unlabeled', label: string) => {
      const payload = issuesPayload(action, {
        owner: OWNER,
        repo: 'app',
        number: 31,
        installationId: INSTALLATION,
        sender: PERSON,
      });
      payload.label = { name: label };
      return (await front.app.inject(signedDelivery(payload, { event: 'issues' }))).json();
    };
    front.standIn.state.unlabelByPerson(`${OWNER}/app`, 31, 'kind/bug', PERSON.login);
    const removed = await send('unlabeled', 'kind/bug');
    // A label the generic model never predicts: the repository's model may, so the worker decides.
    const added = await send('labeled', 'priority/high');
    for (const result of [removed, added]) {
      expect(result).toMatchObject({ outcome: 'accepted', reason: 'feedback', path: 'forwarded', model: null });
    }
    expect(received).toHaveLength(2);
    const check = Compile(LabelFeedbackEventSchema);
    const messages = received.map((message) => JSON.parse(message.data.toString('utf8')));
    expect(messages.every((message) => check.Check(message))).toBe(true);
    expect(messages.map((m) => [m.action, m.label, m.kind, m.issue.number, m.repository.owner])).toEqual([
      ['unlabeled', 'kind/bug', 'bot-label-removed', 31, OWNER],
      ['labeled', 'priority/high', 'label-added-by-person', 31, OWNER],
    ]);
    expect(received[0]?.attributes).toMatchObject({
      schema: LABEL_FEEDBACK_SCHEMA,
      repo_owner: OWNER,
      repo_name: 'app',
      issue_num: '31',
      event: 'issues',
      action: 'unlabeled',
      delivery_id: removed.delivery,
    });
    expect(await front.metric(FEEDBACK)).toBe(0);
  });
});
