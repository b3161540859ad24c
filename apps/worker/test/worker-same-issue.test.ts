import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IssueLabeler } from '@labelbot/github';
import type { IssueEventSubscriber } from '@labelbot/queue';
import { createStoreBackend } from '@labelbot/store';
import { describe, expect, it } from 'vitest';
import { startGitHubStandIn } from '../../../test/support/github-stand-in.js';
import { pubsub, uniqueProjectId } from '../../../test/support/pubsub-emulator.js';
import {
  buildWorker,
  event,
  freshQueue,
  INSTALLATION,
  LABELS,
  modelPredicting,
  OWNER,
  publishModel,
  REPO,
  until,
} from './worker-harness.js';

describe.skipIf(!pubsub.host)('worker: events of one issue delivered together (unordered subscription)', () => {
  it('handles them one at a time, so the issue gets one bot comment', async () => {
    const github = await startGitHubStandIn({
      installations: [
        {
          id: INSTALLATION,
          account: OWNER,
          repos: [
            {
              name: REPO,
              labels: LABELS,
              issues: [{ number: 1, title: 'Issue 1' }],
              files: { '.github/issue_label_bot.yaml': 'comment: true\n' },
            },
          ],
        },
      ],
    });
    const dir = await mkdtemp(join(tmpdir(), 'labelbot-worker-same-issue-'));
    const backend = createStoreBackend(pathToFileURL(dir).href);
    await publishModel(backend, 'v1', modelPredicting('area/ui', 'v1'));
    const projectId = uniqueProjectId('worker-same-issue');
    const queue = await freshQueue(projectId);
    let arrived = 0;
    let labelling = 0;
    let mostAtOnce = 0;
    const { worker, log } = buildWorker({
      projectId,
      ...queue,
      backend,
      github,
      // Counts a message as soon as the subscriber hands it to the worker, before any serialisation.
      wrapSubscriber: (subscriber): IssueEventSubscriber => ({
        start: (handler, events) =>
          subscriber.start((message) => {
            arrived++;
            return handler(message);
          }, events),
        stop: () => subscriber.stop(),
      }),
      // The first labelling waits until both events have reached the worker: they are in flight together.
      wrapLabeler: (labeler): IssueLabeler => ({
        ...labeler,
        labelIssue: async (request) => {
          labelling++;
          mostAtOnce = Math.max(mostAtOnce, labelling);
          try {
            await until(() => arrived === 2, 20_000, 'both events delivered');
            return await labeler.labelIssue(request);
          } finally {
            labelling--;
          }
        },
      }),
    });
    await worker.start();
    await queue.publisher.publish(event(1, { action: 'opened' }));
    await queue.publisher.publish(event(1, { action: 'edited' }));
    await until(() => log.find('issue event handled').length === 2, 20_000, 'both events handled');
    expect(mostAtOnce).toBe(1);
    expect(github.state.issue(`${OWNER}/${REPO}`, 1).comments).toHaveLength(1);
    await worker.stop();
    await queue.publisher.close();
    await github.close();
    await rm(dir, { recursive: true, force: true });
  }, 40_000);
});
