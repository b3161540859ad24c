import { afterEach, describe, expect, it } from 'vitest';
import { type FrontHarness, INSTALLATION, OWNER, startFrontHarness } from './support/front-harness.js';
import { signedDelivery } from './support/signed-delivery.js';
import { issuesPayload } from './support/webhook-examples.js';

const BUG = {
  title: 'App crashes with a TypeError when saving settings',
  body: 'Steps to reproduce: open settings, click save. Actual: crash with TypeError: Cannot read properties of undefined, stack trace attached.',
};

describe('repo label rules applied by the front', () => {
  let front: FrontHarness;
  afterEach(async () => {
    await front.close();
  });

  it('applies label-alias from .github/issue_label_bot.yaml', async () => {
    front = await startFrontHarness({
      installations: [
        {
          id: INSTALLATION,
          account: OWNER,
          repos: [
            {
              name: 'aliased',
              labels: ['kind/bug', 'kind/feature', 'kind/question'],
              files: {
                '.github/issue_label_bot.yaml':
                  'label-alias:\n  bug: kind/bug\n  feature: kind/feature\n  question: kind/question\n',
              },
              issues: [{ number: 1 }],
            },
          ],
        },
      ],
    });
    const predicted = (await front.app.inject({ method: 'POST', url: '/api/predict', payload: BUG })).json();
    expect(predicted.labels.length).toBeGreaterThan(0);
    const payload = issuesPayload('opened', {
      owner: OWNER,
      repo: 'aliased',
      number: 1,
      installationId: INSTALLATION,
      ...BUG,
    });
    const response = await front.app.inject(signedDelivery(payload, { event: 'issues' }));
    const expected = (predicted.labels as string[]).map((label) => `kind/${label}`);
    expect(response.json().applied).toEqual(expected);
    expect(front.standIn.state.repo(`${OWNER}/aliased`).issues.get(1)?.labels).toEqual(expected);
  });

  it('never re-adds a label a person removed', async () => {
    front = await startFrontHarness();
    const predicted = (await front.app.inject({ method: 'POST', url: '/api/predict', payload: BUG })).json();
    const labels = predicted.labels as string[];
    expect(labels.length).toBeGreaterThan(0);
    front.standIn.state.addIssue(`${OWNER}/app`, {
      number: 40,
      events: labels.flatMap((label) => [
        { event: 'labeled' as const, label, actor: front.standIn.botLogin, viaApp: true },
        { event: 'unlabeled' as const, label, actor: 'octocat' },
      ]),
    });
    const payload = issuesPayload('reopened', {
      owner: OWNER,
      repo: 'app',
      number: 40,
      installationId: INSTALLATION,
      ...BUG,
    });
    const response = await front.app.inject(signedDelivery(payload, { event: 'issues' }));
    expect(response.json()).toMatchObject({ outcome: 'accepted', path: 'generic', applied: [] });
    expect(response.json().skipped).toEqual(labels.map((label) => ({ label, reason: 'removed-by-human' })));
    expect(front.standIn.writes.filter((write) => write.kind === 'labels-added')).toHaveLength(0);
  });

  it('labels a just-opened issue without reading its history, and reads it for an older one', async () => {
    front = await startFrontHarness();
    const eventReads = () =>
      front.standIn.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/issues/{issue_number}/events').length;
    const deliver = async (number: number, createdAt: string) => {
      front.standIn.state.addIssue(`${OWNER}/app`, { number });
      const payload = issuesPayload('opened', {
        owner: OWNER,
        repo: 'app',
        number,
        installationId: INSTALLATION,
        ...BUG,
      });
      (payload.issue as { created_at: string }).created_at = createdAt;
      return (await front.app.inject(signedDelivery(payload, { event: 'issues' }))).json();
    };
    const fresh = await deliver(41, new Date().toISOString());
    expect(fresh.applied.length).toBeGreaterThan(0);
    expect(eventReads()).toBe(0);
    const old = await deliver(42, '2019-05-15T15:20:40Z');
    expect(old.applied).toEqual(fresh.applied);
    expect(eventReads()).toBe(1);
  });

  it("lets the repository's min-confidence override the manifest thresholds", async () => {
    const seed = (name: string, file: string) => ({
      name,
      labels: ['bug', 'feature', 'question'],
      files: { '.github/issue_label_bot.yaml': file },
      issues: [{ number: 1 }],
    });
    front = await startFrontHarness({
      installations: [
        {
          id: INSTALLATION,
          account: OWNER,
          repos: [seed('strict', 'min-confidence: 0.999\n'), seed('lenient', 'min-confidence: 0.01\n')],
        },
      ],
    });
    const scores = (await front.app.inject({ method: 'POST', url: '/api/predict', payload: BUG })).json()
      .scores as Record<string, number>;
    const send = (repo: string) =>
      front.app.inject(
        signedDelivery(
          issuesPayload('opened', { owner: OWNER, repo, number: 1, installationId: INSTALLATION, ...BUG }),
          { event: 'issues' },
        ),
      );
    const strict = (await send('strict')).json();
    expect(Math.max(...Object.values(scores))).toBeLessThan(0.999);
    expect(strict.predicted).toEqual([]);
    const lenient = (await send('lenient')).json();
    expect(lenient.predicted.length).toBeGreaterThan(0);
    expect(lenient.predicted.every((label: string) => (scores[label] ?? 0) >= 0.01)).toBe(true);
  });
});
