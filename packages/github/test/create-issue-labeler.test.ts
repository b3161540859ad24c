import { afterEach, describe, expect, it } from 'vitest';
import type { GitHubStandIn } from '../../../test/support/github-stand-in.js';
import { COMMENT_MARKER, createIssueLabeler } from '../src/index.js';
import { labelRequest } from './label-request.js';
import { clientFor, INSTALLATION, OWNER, seededStandIn } from './support.js';

describe('createIssueLabeler.labelIssue', () => {
  let standIn: GitHubStandIn;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined as never;
  });

  const labelerFor = async (options: { dryRun?: boolean } = {}) => {
    standIn ??= await seededStandIn();
    const { client, log, logger, registry } = clientFor(standIn);
    return {
      labeler: createIssueLabeler({ client, dryRun: options.dryRun ?? false, logger, registry }),
      log,
      registry,
    };
  };
  const labelsOnIssue = () => standIn.state.issue('octo-org/app', 1).labels;

  it('applies the predicted labels in one POST stamped with the delivery id, and logs the decision', async () => {
    const { labeler, log } = await labelerFor();
    const outcome = await labeler.labelIssue(labelRequest(['bug', 'question']));
    expect(outcome).toEqual({ applied: ['bug', 'question'], skipped: [], commented: false, dryRun: false });
    expect(standIn.writes).toEqual([
      {
        kind: 'labels-added',
        repo: 'octo-org/app',
        issueNumber: 1,
        labels: ['bug', 'question'],
        created: [],
        deliveryId: 'delivery-1',
      },
    ]);
    expect(standIn.requests.filter((r) => r.auth === 'installation').every((r) => r.deliveryId === 'delivery-1')).toBe(
      true,
    );
    expect(log.find('label decision')[0]).toMatchObject({
      deliveryId: 'delivery-1',
      repo: 'octo-org/app',
      issue: 1,
      path: 'generic',
      model: 'generic@2024.1',
      modelVersion: '2024.1',
      scores: { bug: 0.91 },
      applied: ['bug', 'question'],
    });
  });

  it('maps predictions through label-alias, keeping the repository spelling', async () => {
    standIn = await seededStandIn();
    standIn.state.createLabel(standIn.state.repo('octo-org/app'), 'Kind/Bug');
    const { labeler } = await labelerFor();
    const outcome = await labeler.labelIssue(labelRequest(['bug'], { labelAlias: { bug: 'kind/bug' } }));
    expect(outcome.applied).toEqual(['Kind/Bug']);
    expect(labelsOnIssue()).toEqual(['Kind/Bug']);
  });

  it('applies only labels in predicted-labels', async () => {
    const { labeler } = await labelerFor();
    const outcome = await labeler.labelIssue(labelRequest(['bug', 'question'], { predictedLabels: ['bug'] }));
    expect(outcome.applied).toEqual(['bug']);
    expect(outcome.skipped).toEqual([{ label: 'question', reason: 'not-allowed' }]);
  });

  it('skips labels already on the issue and writes nothing when none is left', async () => {
    const { labeler } = await labelerFor();
    standIn.state.labelByPerson('octo-org/app', 1, 'bug', 'alice');
    const outcome = await labeler.labelIssue(labelRequest(['bug'], {}, { currentLabels: [] }));
    expect(outcome).toMatchObject({ applied: [], skipped: [{ label: 'bug', reason: 'present' }] });
    expect(standIn.writes).toEqual([]);
  });

  it('never re-adds a label a person removed', async () => {
    const { labeler } = await labelerFor();
    await labeler.labelIssue(labelRequest(['bug']));
    standIn.state.unlabelByPerson('octo-org/app', 1, 'bug', 'alice');
    const again = await labeler.labelIssue(labelRequest(['bug'], {}, { deliveryId: 'delivery-2' }));
    expect(again).toMatchObject({ applied: [], skipped: [{ label: 'bug', reason: 'removed-by-human' }] });
    expect(labelsOnIssue()).toEqual([]);
    expect(standIn.writes.filter((w) => w.kind === 'labels-added')).toHaveLength(1);
  });

  it('skips a label the repository lacks, and creates it when create-labels is set', async () => {
    const { labeler } = await labelerFor();
    const skipped = await labeler.labelIssue(labelRequest(['wontfix']));
    expect(skipped).toMatchObject({ applied: [], skipped: [{ label: 'wontfix', reason: 'missing-in-repo' }] });
    expect(standIn.writes).toEqual([]);
    const created = await labeler.labelIssue(labelRequest(['wontfix'], { createLabels: true }));
    expect(created.applied).toEqual(['wontfix']);
    expect(standIn.writes.map((w) => w.kind)).toEqual(['label-created', 'labels-added']);
    expect(standIn.writes.every((w) => w.kind !== 'labels-added' || w.created.length === 0)).toBe(true);
  });

  it('comments once, found again by its hidden marker on redelivery', async () => {
    const { labeler } = await labelerFor();
    const first = await labeler.labelIssue(labelRequest(['bug'], { comment: true }));
    const second = await labeler.labelIssue(labelRequest(['bug'], { comment: true }));
    expect(first.commented).toBe(true);
    expect(second).toMatchObject({ applied: [], commented: false });
    const posted = standIn.writes.filter((w) => w.kind === 'comment');
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ body: expect.stringContaining(COMMENT_MARKER) });
    expect(posted[0]).toMatchObject({ body: expect.stringContaining('`bug` (confidence 0.91)') });
  });

  it('posts the comment on redelivery when the first attempt failed after labelling', async () => {
    const { labeler } = await labelerFor();
    standIn.inject({ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', fault: 404 });
    await expect(labeler.labelIssue(labelRequest(['bug'], { comment: true }))).rejects.toMatchObject({ status: 404 });
    const retried = await labeler.labelIssue(labelRequest(['bug'], { comment: true }));
    expect(retried).toMatchObject({ applied: [], commented: true });
    expect(standIn.writes.map((w) => w.kind)).toEqual(['labels-added', 'comment']);
  });

  it('posts the comment once when GitHub created it but answered 502', async () => {
    const { labeler } = await labelerFor();
    const route = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
    standIn.inject({ route, fault: 502, afterHandling: true });
    const outcome = await labeler.labelIssue(labelRequest(['bug'], { comment: true }));
    expect(outcome).toMatchObject({ applied: ['bug'], commented: false });
    expect(standIn.writes.filter((w) => w.kind === 'comment')).toHaveLength(1);
    expect(standIn.requests.filter((r) => r.route === route).map((r) => r.status)).toEqual([502]);
  });

  it('posts the comment again after a 502 that created nothing, looking for the marker first', async () => {
    const { labeler } = await labelerFor();
    const route = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
    standIn.inject({ route, fault: 502 });
    const outcome = await labeler.labelIssue(labelRequest(['bug'], { comment: true }));
    expect(outcome).toMatchObject({ applied: ['bug'], commented: true });
    expect(standIn.writes.filter((w) => w.kind === 'comment')).toHaveLength(1);
    const commentCalls = standIn.requests.filter((r) => r.route?.endsWith('/comments')).map((r) => r.method);
    expect(commentCalls).toEqual(['GET', 'POST', 'GET', 'POST']);
  });

  it('handles two deliveries about one issue one after the other: one class and one comment', async () => {
    const { labeler } = await labelerFor();
    const classes = { singleClass: ['bug', 'feature', 'question'] };
    const [opened, edited] = await Promise.all([
      labeler.labelIssue(labelRequest(['question'], { comment: true }, { ...classes, action: 'opened' })),
      labeler.labelIssue(labelRequest(['bug'], { comment: true }, { ...classes, action: 'edited', deliveryId: 'd-2' })),
    ]);
    expect(opened).toMatchObject({ applied: ['question'], commented: true });
    expect(edited).toMatchObject({ applied: [], skipped: [{ label: 'bug', reason: 'classified-meanwhile' }] });
    expect(labelsOnIssue()).toEqual(['question']);
    expect(standIn.writes.map((w) => w.kind)).toEqual(['labels-added', 'comment']);
  });

  it("re-reads the issue right before writing, so another replica's class is not joined by a second", async () => {
    const { labeler: first } = await labelerFor();
    const { labeler: second } = await labelerFor();
    const classes = { singleClass: ['bug', 'feature', 'question'] };
    await first.labelIssue(labelRequest(['question'], { comment: true }, classes));
    const late = await second.labelIssue(labelRequest(['bug'], { comment: true }, { ...classes, deliveryId: 'd-2' }));
    expect(late).toMatchObject({ applied: [], commented: false });
    expect(late.skipped).toEqual([{ label: 'bug', reason: 'classified-meanwhile' }]);
    expect(standIn.writes.map((w) => w.kind)).toEqual(['labels-added', 'comment']);
  });

  it("re-reads a fresh issue's labels when the event came through the queue (a retried opened)", async () => {
    const { labeler: front } = await labelerFor();
    const { labeler: worker } = await labelerFor();
    const classes = { singleClass: ['bug', 'feature', 'question'] };
    const fresh = { action: 'opened', issueCreatedAt: new Date().toISOString() };
    await front.labelIssue(labelRequest(['feature'], {}, { ...classes, action: 'edited' }));
    const retried = await worker.labelIssue(
      labelRequest(['bug'], {}, { ...classes, ...fresh, queued: true, deliveryId: 'd-2' }),
    );
    expect(retried.skipped).toEqual([{ label: 'bug', reason: 'classified-meanwhile' }]);
    expect(labelsOnIssue()).toEqual(['feature']);
  });

  it('writes nothing once its signal is aborted (a handling handed over to the worker)', async () => {
    const { labeler } = await labelerFor();
    const handedOver = new AbortController();
    handedOver.abort(new Error('the generic path took longer than 6000 ms'));
    await expect(
      labeler.labelIssue(labelRequest(['bug'], { comment: true }, { signal: handedOver.signal })),
    ).rejects.toThrow('took longer than 6000 ms');
    expect(standIn.writes).toEqual([]);
  });

  it('keeps the label lists of a bounded number of repositories, dropping the oldest', async () => {
    standIn = await seededStandIn();
    for (const name of ['two', 'three']) {
      standIn.state.addRepo(INSTALLATION, { name, labels: ['bug'], issues: [{ number: 1, title: 'It crashes' }] });
    }
    const { client, logger } = clientFor(standIn);
    const labeler = createIssueLabeler({ client, dryRun: false, logger, maxCachedRepos: 2 });
    const inRepo = (repo: string, deliveryId: string) =>
      labelRequest(
        ['bug'],
        {},
        { issue: { installationId: INSTALLATION, owner: OWNER, repo, issueNumber: 1, private: false }, deliveryId },
      );
    const labelListReads = (repo: string) =>
      standIn.requests.filter((r) => r.method === 'GET' && r.path === `/repos/${OWNER}/${repo}/labels`).length;
    await labeler.labelIssue(inRepo('app', 'd-1'));
    await labeler.labelIssue(inRepo('two', 'd-2'));
    await labeler.labelIssue(inRepo('two', 'd-3'));
    expect([labelListReads('app'), labelListReads('two')]).toEqual([1, 1]);
    // A third repository pushes out the oldest (app): its list is read again, two's is still cached.
    await labeler.labelIssue(inRepo('three', 'd-4'));
    await labeler.labelIssue(inRepo('app', 'd-5'));
    await labeler.labelIssue(inRepo('three', 'd-6'));
    expect([labelListReads('app'), labelListReads('two'), labelListReads('three')]).toEqual([2, 1, 1]);
  });

  it('does not comment by default', async () => {
    const { labeler } = await labelerFor();
    expect((await labeler.labelIssue(labelRequest(['bug']))).commented).toBe(false);
    expect(standIn.writes.map((w) => w.kind)).toEqual(['labels-added']);
  });

  it('retries a 500 on the label write and applies it exactly once', async () => {
    const { labeler } = await labelerFor();
    standIn.inject({ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels', fault: 500 });
    expect((await labeler.labelIssue(labelRequest(['bug']))).applied).toEqual(['bug']);
    expect(standIn.writes).toHaveLength(1);
    expect(standIn.state.issue('octo-org/app', 1).events.filter((e) => e.event === 'labeled')).toHaveLength(1);
  });

  it('in dry run decides, records and logs, but writes nothing', async () => {
    const { labeler, log } = await labelerFor({ dryRun: true });
    const outcome = await labeler.labelIssue(labelRequest(['bug', 'wontfix'], { comment: true }));
    expect(outcome).toEqual({
      applied: ['bug'],
      skipped: [{ label: 'wontfix', reason: 'missing-in-repo' }],
      commented: true,
      dryRun: true,
    });
    expect(standIn.writes).toEqual([]);
    expect(standIn.requests.every((r) => r.method === 'GET' || r.route?.endsWith('/access_tokens'))).toBe(true);
    expect(log.find('dry run')[0]).toMatchObject({ applied: ['bug'], dryRun: true });
  });

  it('without a client it is a dry run decided from the event alone', async () => {
    standIn = await seededStandIn();
    const { logger } = clientFor(standIn);
    const labeler = createIssueLabeler({ client: null, dryRun: false, logger });
    const outcome = await labeler.labelIssue(labelRequest(['bug', 'question'], {}, { currentLabels: ['question'] }));
    expect(outcome).toEqual({
      applied: ['bug'],
      skipped: [{ label: 'question', reason: 'present' }],
      commented: false,
      dryRun: true,
    });
    expect(standIn.requests).toEqual([]);
  });

  it('applies nothing when the repository disabled the bot', async () => {
    const { labeler } = await labelerFor();
    const outcome = await labeler.labelIssue(labelRequest(['bug'], { enabled: false, comment: true }));
    expect(outcome).toMatchObject({ applied: [], skipped: [{ label: 'bug', reason: 'disabled' }], commented: false });
    expect(standIn.writes).toEqual([]);
  });
});
