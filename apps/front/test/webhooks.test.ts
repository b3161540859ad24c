import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FrontHarness, INSTALLATION, OWNER, startFrontHarness } from './support/front-harness.js';
import { signedDelivery, TEST_SECRET } from './support/signed-delivery.js';
import { exampleOf, issuesPayload } from './support/webhook-examples.js';

const BUG = {
  title: 'App crashes with a TypeError when saving settings',
  body: 'Steps to reproduce: open settings, click save. Expected: saved. Actual: crash with TypeError: Cannot read properties of undefined, stack trace attached. Regression since 2.3.0.',
};
const at = (number: number, extra: Partial<Parameters<typeof issuesPayload>[1]> = {}) => ({
  owner: OWNER,
  repo: 'app',
  number,
  installationId: INSTALLATION,
  ...BUG,
  ...extra,
});

describe('POST /api/github/webhooks', () => {
  let front: FrontHarness;
  beforeEach(async () => {
    front = await startFrontHarness();
  });
  afterEach(async () => {
    await front.close();
  });

  const labelWrites = () => front.standIn.writes.filter((write) => write.kind === 'labels-added');

  it('answers ping with 200', async () => {
    const response = await front.app.inject(signedDelivery(exampleOf('ping'), { event: 'ping' }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ outcome: 'accepted', reason: 'pong' });
  });

  it.each([
    ['forged', { value: `sha256=${'0'.repeat(64)}` }, 'mismatch'],
    ['signed with another secret', 'other-secret', 'mismatch'],
    ['missing', 'none', 'missing'],
    ['SHA-1 only', 'sha1', 'sha1-only'],
  ] as const)('refuses a %s signature with 401 and counts it', async (_name, kind, reason) => {
    const options =
      kind === 'other-secret'
        ? { event: 'issues', secret: 'not-the-secret' }
        : { event: 'issues', signature: kind as 'none' | 'sha1' | { value: string } };
    const before = front.standIn.requests.length;
    const response = await front.app.inject(signedDelivery(issuesPayload('opened', at(1)), options));
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toMatch(/signature refused/);
    expect(await front.metric('labelbot_front_signature_rejections_total', { reason })).toBe(1);
    expect(await front.metric('labelbot_front_webhook_deliveries_total', { outcome: 'unauthorized' })).toBe(1);
    expect(front.standIn.requests).toHaveLength(before);
  });

  it('labels deliveries by a bounded event set: refused ones as unverified, unknown signed ones as other', async () => {
    for (let i = 0; i < 20; i++) {
      const event = `caller-chosen-${i}-${'x'.repeat(200)}`;
      const refused = await front.app.inject(signedDelivery(exampleOf('ping'), { event, signature: 'none' }));
      expect(refused.statusCode).toBe(401);
    }
    const signed = await front.app.inject(signedDelivery(exampleOf('ping'), { event: 'caller-chosen-signed' }));
    expect(signed.json()).toMatchObject({ outcome: 'ignored', reason: 'event-not-handled' });
    const series = (await front.registry.getSingleMetric('labelbot_front_webhook_deliveries_total')?.get())?.values;
    expect(series?.map((s) => s.labels)).toEqual([
      { event: 'unverified', outcome: 'unauthorized' },
      { event: 'other', outcome: 'ignored' },
    ]);
    expect(series?.[0]?.value).toBe(20);
    expect(JSON.stringify(front.log.lines)).not.toContain('x'.repeat(200));
  });

  it('verifies the signature over the raw bytes: invalid UTF-8 signed as sent passes, other bytes do not', async () => {
    const bytes = Buffer.concat([Buffer.from('{"zen":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","hook_id":1}')]);
    const lookalike = Buffer.concat([
      Buffer.from('{"zen":"'),
      Buffer.from([0xc0, 0xc1]),
      Buffer.from('","hook_id":1}'),
    ]);
    const signature = `sha256=${createHmac('sha256', TEST_SECRET).update(bytes).digest('hex')}`;
    const send = (payload: Buffer, delivery: string) =>
      front.app.inject({
        method: 'POST',
        url: '/api/github/webhooks',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'ping',
          'x-github-delivery': delivery,
          'x-hub-signature-256': signature,
        },
        payload,
      });
    expect((await send(bytes, 'raw-1')).statusCode).toBe(200);
    const forged = await send(lookalike, 'raw-2');
    expect(forged.statusCode).toBe(401);
    expect(forged.json().message).toMatch(/mismatch/);
  });

  it('accepts a webhook set to application/x-www-form-urlencoded (payload=<JSON>), signed over the form bytes', async () => {
    const json = JSON.stringify(issuesPayload('opened', at(8, { title: 'Crash: ünïcode + spaces & more' })));
    const form = new URLSearchParams({ payload: json }).toString();
    const request = signedDelivery(null, { event: 'issues', raw: form });
    request.headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await front.app.inject(request);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ outcome: 'accepted', path: 'generic' });
    expect(front.standIn.state.repo(`${OWNER}/app`).issues.get(8)?.labels).toEqual(response.json().applied);

    const empty = signedDelivery(null, { event: 'issues', raw: 'other=1' });
    empty.headers['content-type'] = 'application/x-www-form-urlencoded';
    expect((await front.app.inject(empty)).json().message).toMatch(/no payload field/);
    const forged = signedDelivery(null, { event: 'issues', raw: form, secret: 'not-the-secret' });
    forged.headers['content-type'] = 'application/x-www-form-urlencoded';
    expect((await front.app.inject(forged)).statusCode).toBe(401);
  });

  it('refuses malformed JSON with 400 after the signature checks out', async () => {
    const response = await front.app.inject(signedDelivery(null, { event: 'issues', raw: '{"action": "opened",' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/not valid JSON/);
    expect(await front.metric('labelbot_front_webhook_deliveries_total', { outcome: 'malformed' })).toBe(1);
  });

  it('refuses an issues payload without an issue with 400', async () => {
    const payload = issuesPayload('opened', at(1));
    delete payload.issue;
    const response = await front.app.inject(signedDelivery(payload, { event: 'issues' }));
    expect(response.statusCode).toBe(400);
  });

  it('labels an opened issue on the generic path with what the model predicted', async () => {
    const predicted = (await front.app.inject({ method: 'POST', url: '/api/predict', payload: BUG })).json();
    expect(predicted.labels.length).toBeGreaterThan(0);
    const response = await front.app.inject(signedDelivery(issuesPayload('opened', at(1)), { event: 'issues' }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      outcome: 'accepted',
      path: 'generic',
      fallback: false,
      applied: predicted.labels,
    });
    expect(labelWrites()).toHaveLength(1);
    expect(front.standIn.state.repo(`${OWNER}/app`).issues.get(1)?.labels).toEqual(predicted.labels);
    const line = front.log.find('issue routed')[0];
    expect(line).toMatchObject({ repo: `${OWNER}/app`, issue: 1, path: 'generic' });
    expect(line?.deliveryId).toEqual(expect.any(String));
    expect(JSON.stringify(front.log.lines.filter((l) => Number(l.level) > 20))).not.toContain('TypeError: Cannot read');
  });

  it('handles a redelivered X-GitHub-Delivery once', async () => {
    const request = signedDelivery(issuesPayload('opened', at(2)), { event: 'issues', delivery: 'same-delivery' });
    expect((await front.app.inject(request)).json().outcome).toBe('accepted');
    const again = await front.app.inject(request);
    expect(again.statusCode).toBe(200);
    expect(again.json().outcome).toBe('duplicate');
    expect(labelWrites()).toHaveLength(1);
  });

  it("ignores the App's own events", async () => {
    const own = issuesPayload('labeled', at(3, { sender: { login: front.standIn.botLogin, type: 'Bot' } }));
    own.label = { name: 'bug' };
    const response = await front.app.inject(signedDelivery(own, { event: 'issues' }));
    expect(response.json()).toMatchObject({ outcome: 'ignored', reason: 'own-event' });
    const opened = issuesPayload('opened', at(3, { sender: { login: front.standIn.botLogin, type: 'Bot' } }));
    expect((await front.app.inject(signedDelivery(opened, { event: 'issues' }))).json().reason).toBe('own-event');
    expect(front.standIn.writes).toHaveLength(0);
  });

  it('routes issues.edited only while the issue has no labels and the bot has not labelled it', async () => {
    const labelled = await front.app.inject(
      signedDelivery(issuesPayload('edited', at(4, { labels: ['question'] })), { event: 'issues' }),
    );
    expect(labelled.json()).toMatchObject({ outcome: 'ignored', reason: 'already-labelled' });
    const first = await front.app.inject(signedDelivery(issuesPayload('edited', at(4)), { event: 'issues' }));
    expect(first.json()).toMatchObject({ outcome: 'accepted', path: 'generic' });
    expect(first.json().applied.length).toBeGreaterThan(0);
    const second = await front.app.inject(signedDelivery(issuesPayload('edited', at(4)), { event: 'issues' }));
    expect(second.json()).toMatchObject({ outcome: 'ignored', reason: 'already-labelled' });
    expect(labelWrites()).toHaveLength(1);
  });

  it('an edited racing its opened waits for it and is not labelled a second time', async () => {
    const opened = signedDelivery(issuesPayload('opened', at(4)), { event: 'issues' });
    const edited = signedDelivery(issuesPayload('edited', at(4)), { event: 'issues' });
    const [first, second] = await Promise.all([front.app.inject(opened), front.app.inject(edited)]);
    expect(first.json()).toMatchObject({ outcome: 'accepted', path: 'generic' });
    expect(first.json().applied.length).toBeGreaterThan(0);
    expect(second.json()).toMatchObject({ outcome: 'ignored', reason: 'already-labelled' });
    expect(labelWrites()).toHaveLength(1);
  });

  it('records a person removing a label the bot applied as feedback', async () => {
    const opened = (await front.app.inject(signedDelivery(issuesPayload('opened', at(5)), { event: 'issues' }))).json();
    const [label] = opened.applied as string[];
    const unlabeled = issuesPayload('unlabeled', at(5, { sender: { login: 'octocat', type: 'User' } }));
    unlabeled.label = { name: label };
    const response = await front.app.inject(signedDelivery(unlabeled, { event: 'issues' }));
    expect(response.json()).toMatchObject({ outcome: 'accepted', reason: 'feedback' });
    expect(await front.metric('labelbot_front_label_feedback_total', { label: label as string })).toBe(1);
  });

  it('does not count a person removing a label another person applied', async () => {
    front.standIn.state.addIssue(`${OWNER}/app`, {
      number: 30,
      labels: ['bug'],
      events: [{ event: 'labeled', label: 'bug', actor: 'maintainer' }],
    });
    const unlabeled = issuesPayload('unlabeled', at(30, { sender: { login: 'octocat', type: 'User' } }));
    unlabeled.label = { name: 'bug' };
    const response = await front.app.inject(signedDelivery(unlabeled, { event: 'issues' }));
    expect(response.json()).toMatchObject({ outcome: 'ignored', reason: 'not-counted' });
    expect(await front.metric('labelbot_front_label_feedback_total')).toBe(0);
  });

  it('answers 500 when GitHub keeps failing, and handles the redelivery instead of calling it a duplicate', async () => {
    front.standIn.inject({ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels', fault: 500, times: 10 });
    const request = signedDelivery(issuesPayload('opened', at(6)), { event: 'issues', delivery: 'flaky-github' });
    const failed = await front.app.inject(request);
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
    expect(await front.metric('labelbot_front_webhook_deliveries_total', { outcome: 'failed' })).toBe(1);
    front.standIn.clearFaults();
    const redelivered = await front.app.inject(request);
    expect(redelivered.json()).toMatchObject({ outcome: 'accepted', path: 'generic' });
    expect(front.standIn.state.repo(`${OWNER}/app`).issues.get(6)?.labels).toEqual(redelivered.json().applied);
  });

  it('handles a redelivery that arrives while the first attempt is failing, instead of calling it a duplicate', async () => {
    // The first attempt's POST and its 3 retries fail; the redelivery, held until then, gets through.
    front.standIn.inject({ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels', fault: 500, times: 4 });
    const request = signedDelivery(issuesPayload('opened', at(7)), { event: 'issues', delivery: 'racing-redelivery' });
    const [first, redelivered] = await Promise.all([front.app.inject(request), front.app.inject(request)]);
    expect(first.statusCode).toBe(500);
    expect(redelivered.statusCode).toBe(200);
    expect(redelivered.json()).toMatchObject({ outcome: 'accepted', path: 'generic' });
    expect(front.standIn.state.repo(`${OWNER}/app`).issues.get(7)?.labels).toEqual(redelivered.json().applied);
    const again = await front.app.inject(request);
    expect(again.json().outcome).toBe('duplicate');
  });

  it('counts and logs installation events', async () => {
    const response = await front.app.inject(
      signedDelivery(exampleOf('installation', 'created'), { event: 'installation' }),
    );
    expect(response.json()).toMatchObject({ outcome: 'accepted', event: 'installation.created' });
    expect(await front.metric('labelbot_front_installation_events_total', { action: 'created' })).toBe(1);
    expect(front.log.find('installation event')).toHaveLength(1);
  });

  it('refuses a body over 25 MB', async () => {
    const request = signedDelivery(null, { event: 'issues', raw: `{"pad":"${'x'.repeat(25 * 1024 * 1024)}"}` });
    expect((await front.app.inject(request)).statusCode).toBe(413);
  });
});
