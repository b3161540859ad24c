import { createLogger, MemoryLog } from '@labelbot/telemetry';
import { describe, expect, it } from 'vitest';
import { gate } from '../../../test/support/gate.js';
import { until } from '../../../test/support/until.js';
import { createInProcessQueue, type ReceivedMessage } from '../src/index.js';
import { makeIssueEvent } from './make-issue-event.js';

describe('in-process queue', () => {
  it('delivers with attributes, redelivers a nack with the next attempt, and acks for good', async () => {
    const queue = createInProcessQueue({ backoffMs: 5 });
    const seen: ReceivedMessage[] = [];
    await queue.subscriber.start(async (message) => {
      seen.push(message);
      return message.deliveryAttempt < 3 ? 'nack' : 'ack';
    });
    const id = await queue.publisher.publish(makeIssueEvent({ number: 3 }));
    await until(() => queue.pending() === 0);
    expect(seen.map((message) => [message.id, message.deliveryAttempt])).toEqual([
      [id, 1],
      [id, 2],
      [id, 3],
    ]);
    expect(seen[0]?.attributes.issue_num).toBe('3');
    await queue.subscriber.stop();
  });

  it('dead-letters after the max attempts, or at once on a dead-letter disposition, with a log line', async () => {
    const log = new MemoryLog();
    const queue = createInProcessQueue({
      backoffMs: 1,
      maxDeliveryAttempts: 4,
      logger: createLogger({ destination: log }),
    });
    await queue.subscriber.start(async (message) =>
      JSON.parse(message.data.toString()).issue.number === 1 ? 'nack' : 'dead-letter',
    );
    await queue.publisher.publish(makeIssueEvent({ number: 1 }));
    await queue.publisher.publish(makeIssueEvent({ number: 2 }));
    await until(() => queue.deadLetters.length === 2);
    expect(queue.deadLetters.map((message) => [message.attributes.issue_num, message.deliveryAttempt]).sort()).toEqual([
      ['1', 4],
      ['2', 1],
    ]);
    expect(log.find('dead-lettered')).toHaveLength(2);
    await queue.subscriber.stop();
  });

  it('handles the events of one issue one at a time and in order, other issues concurrently', async () => {
    const queue = createInProcessQueue({ backoffMs: 1 });
    const order: string[] = [];
    let running = 0;
    let maxRunning = 0;
    await queue.subscriber.start(async (message) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      const event = JSON.parse(message.data.toString());
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push(`${event.issue.number}:${event.action}:${message.deliveryAttempt}`);
      running--;
      return event.action === 'opened' && message.deliveryAttempt === 1 && event.issue.number === 5 ? 'nack' : 'ack';
    });
    await queue.publisher.publish(makeIssueEvent({ number: 5, action: 'opened' }));
    await queue.publisher.publish(makeIssueEvent({ number: 5, action: 'edited' }));
    await queue.publisher.publish(makeIssueEvent({ number: 6, action: 'opened' }));
    await until(() => queue.pending() === 0);
    expect(order.filter((entry) => entry.startsWith('5:'))).toEqual(['5:opened:1', '5:opened:2', '5:edited:1']);
    expect(maxRunning).toBe(2);
    await queue.subscriber.stop();
  });

  it('stop() waits for the handler in flight', async () => {
    const queue = createInProcessQueue();
    let started = false;
    let finished = false;
    await queue.subscriber.start(async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 100));
      finished = true;
      return 'ack';
    });
    await queue.publisher.publish(makeIssueEvent());
    await until(() => started);
    await queue.subscriber.stop();
    expect(finished).toBe(true);
    await expect(queue.publisher.publish(makeIssueEvent())).rejects.toThrow(/stopped/);
  });

  it('stop() logs the messages it drops, with their ids, and leaves no grace timer behind', async () => {
    const log = new MemoryLog();
    const queue = createInProcessQueue({ maxMessages: 1, logger: createLogger({ destination: log }) });
    const { held, release } = gate();
    const handled: string[] = [];
    await queue.subscriber.start(async (message) => {
      handled.push(message.id);
      await held;
      return 'ack';
    });
    const ids = await Promise.all([1, 2, 3].map((number) => queue.publisher.publish(makeIssueEvent({ number }))));
    await until(() => handled.length === 1);
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const stopped = queue.subscriber.stop();
    release();
    await stopped;
    expect(timers()).toBe(before);
    const [line] = log.find('in-process queue stopped; queued messages dropped');
    expect(line).toMatchObject({ dropped: 2, messageIds: ids.filter((id) => id !== handled[0]) });
  });

  it('stop() names the messages whose handlers outlast the grace period: a nack after it would be lost unsaid', async () => {
    const log = new MemoryLog();
    const queue = createInProcessQueue({ graceMs: 20, logger: createLogger({ destination: log }) });
    const { held, release } = gate();
    let started = false;
    await queue.subscriber.start(async () => {
      started = true;
      await held;
      return 'nack';
    });
    const id = await queue.publisher.publish(makeIssueEvent());
    await until(() => started);
    await queue.subscriber.stop();
    release();
    const [line] = log.find('in-process queue stopped; queued messages dropped');
    expect(line).toMatchObject({ dropped: 1, messageIds: [id] });
  });
});
