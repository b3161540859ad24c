import { afterEach, describe, expect, it } from 'vitest';
import type { GitHubStandIn } from '../../../test/support/github-stand-in.js';
import { until } from '../../../test/support/until.js';
import { clientFor, INSTALLATION, OWNER, seededStandIn } from './support.js';

const ADD_LABELS = 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels';

describe('a write whose stopWrites signal is aborted is not sent', () => {
  let standIn: GitHubStandIn;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined as never;
  });

  const addLabels = (
    octokit: Awaited<ReturnType<ReturnType<typeof clientFor>['client']['installation']>>,
    label: string,
    stopWrites?: AbortSignal,
  ) =>
    octokit.request(ADD_LABELS, {
      owner: OWNER,
      repo: 'app',
      issue_number: 1,
      labels: [label],
      request: { stopWrites },
    });

  it('while it waits for its installation write slot', async () => {
    standIn = await seededStandIn();
    // Production spacing: the second write of the installation waits 600 ms behind the first.
    const octokit = await clientFor(standIn, { writeIntervalMs: 600 }).client.installation(INSTALLATION);
    await addLabels(octokit, 'bug');
    const handedOver = new AbortController();
    const waiting = addLabels(octokit, 'feature', handedOver.signal);
    handedOver.abort(new Error('handed over to the worker'));
    await expect(waiting).rejects.toThrow('handed over to the worker');
    expect(standIn.writes.map((w) => ('labels' in w ? w.labels : w.kind))).toEqual([['bug']]);
  });

  it('between retries of a failed attempt, and not before: the first attempt still goes out', async () => {
    standIn = await seededStandIn();
    standIn.inject({ route: ADD_LABELS, fault: 502 });
    const octokit = await clientFor(standIn, { retryBaseMs: 600 }).client.installation(INSTALLATION);
    const handedOver = new AbortController();
    const retrying = addLabels(octokit, 'bug', handedOver.signal);
    const failed = expect(retrying).rejects.toThrow('handed over to the worker');
    const attempts = () => standIn.requests.filter((r) => r.method === 'POST' && r.route === ADD_LABELS).length;
    await until(() => attempts() === 1);
    // The retry waits 600 ms (retryBaseMs × 1²); the signal fires during that wait.
    handedOver.abort(new Error('handed over to the worker'));
    await failed;
    expect(attempts()).toBe(1);
    expect(standIn.state.issue('octo-org/app', 1).labels).toEqual([]);
  });

  it('leaves reads and writes without a signal alone', async () => {
    standIn = await seededStandIn();
    const octokit = await clientFor(standIn).client.installation(INSTALLATION);
    const stopped = new AbortController();
    stopped.abort(new Error('stopped'));
    const read = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', {
      owner: OWNER,
      repo: 'app',
      issue_number: 1,
      request: { stopWrites: stopped.signal },
    });
    expect(read.status).toBe(200);
    await addLabels(octokit, 'bug');
    expect(standIn.state.issue('octo-org/app', 1).labels).toEqual(['bug']);
  });
});
