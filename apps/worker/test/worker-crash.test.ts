import { pathToFileURL } from 'node:url';
import type { IssueLabeler } from '@labelbot/github';
import { createStoreBackend } from '@labelbot/store';
import { describe, expect, it } from 'vitest';
import { gate } from '../../../test/support/gate.js';
import { pubsub, uniqueProjectId } from '../../../test/support/pubsub-emulator.js';
import {
  buildWorker,
  event,
  freshQueue,
  modelPredicting,
  publishModel,
  sleep,
  until,
  useWorkerFixture,
} from './worker-harness.js';

describe.skipIf(!pubsub.host)('a worker that dies mid-message', () => {
  const projectId = uniqueProjectId('worker-crash');
  const fixture = useWorkerFixture('labelbot-worker-crash-', 10);

  it('leaves the message unacked; another worker gets it after the ack deadline and the labels land once', async () => {
    const backend = createStoreBackend(pathToFileURL(fixture.dir).href);
    await publishModel(backend, 'v1', modelPredicting('area/api', 'v1'));
    const queue = await freshQueue(projectId);
    const { held, release } = gate();
    let reached = false;
    let late: Promise<unknown> | undefined;
    // The first worker stalls inside labelling, then loses its stream without acking or nacking (graceMs 0),
    // which is what the broker sees when a pod is killed.
    const first = buildWorker({
      projectId,
      ...queue,
      backend,
      github: fixture.github,
      graceMs: 0,
      wrapLabeler: (labeler): IssueLabeler => ({
        getRepoConfig: (issue) => labeler.getRepoConfig(issue),
        labelIssue: (request) => {
          reached = true;
          late = held.then(() => labeler.labelIssue(request));
          return late as ReturnType<IssueLabeler['labelIssue']>;
        },
      }),
    });
    await first.worker.start();
    await queue.publisher.publish(event(4));
    await until(() => reached, 20_000, 'first worker holding the message');
    await first.worker.stop();
    expect(first.log.find('handlers still running after the grace period')).toHaveLength(1);

    const second = buildWorker({ projectId, ...queue, backend, github: fixture.github });
    await second.worker.start();
    const writes = () => fixture.github.writes.filter((w) => w.kind === 'labels-added' && w.issueNumber === 4);
    await until(() => writes().length === 1, 30_000, 'redelivered message labelled');
    expect(writes()[0]).toMatchObject({ labels: ['area/api'] });
    const decision = await until(() => second.log.find('issue event handled')[0], 5_000, 'decision log');
    expect(decision).toMatchObject({ issue: 4, labels: ['area/api'] });

    // The stalled handler wakes up late (as a slow pod would): the label rules see the label present.
    release();
    await late;
    expect(writes()).toHaveLength(1);
    expect(fixture.github.state.issue('octo-org/widgets', 4).labels).toEqual(['area/api']);
    await second.worker.stop();
    await queue.publisher.close();
  }, 60_000);
});
