import { describe, expect, it } from 'vitest';
import { parseIssueTime, timeSplit } from '../src/time-split.js';

const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString();

describe('timeSplit', () => {
  it('holds out the latest issues by created_at, with validation just before them', () => {
    const issues = Array.from({ length: 100 }, (_, i) => ({ number: 100 - i, created_at: day((i * 37) % 100) }));
    const split = timeSplit(issues, 0.2, 0.25);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([60, 20, 20]);
    const latestTrain = Math.max(...split.train.map((i) => Date.parse(i.created_at)));
    const earliestValidation = Math.min(...split.validation.map((i) => Date.parse(i.created_at)));
    const earliestTest = Math.min(...split.test.map((i) => Date.parse(i.created_at)));
    const latestValidation = Math.max(...split.validation.map((i) => Date.parse(i.created_at)));
    expect(latestTrain).toBeLessThan(earliestValidation);
    expect(latestValidation).toBeLessThan(earliestTest);
    expect(split.orderedBy).toBe('created_at');
    expect(split.testFrom).toBe(day(80));
  });

  it('orders by issue number when a date is missing', () => {
    const issues = Array.from({ length: 10 }, (_, i) => ({ number: 10 - i, created_at: i === 3 ? null : day(i) }));
    const split = timeSplit(issues, 0.2, 0);
    expect(split.orderedBy).toBe('number');
    expect(split.test.map((i) => i.number)).toEqual([9, 10]);
  });

  it('reads day-first dates as some exported sets write them', () => {
    expect(parseIssueTime('17/09/2014')).toBe(Date.UTC(2014, 8, 17));
    expect(parseIssueTime('2024-01-31T12:00:00Z')).toBe(Date.UTC(2024, 0, 31, 12));
    expect(parseIssueTime('yesterday')).toBeNaN();
  });
});
