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
    expect(parseIssueTime('17/09/2014 08:05:09')).toBe(Date.UTC(2014, 8, 17, 8, 5, 9));
  });

  it('refuses a day or month out of range instead of rolling it over (12/31/2024 is month-first, not a date here)', () => {
    expect(parseIssueTime('12/31/2024')).toBeNaN();
    expect(parseIssueTime('32/01/2024')).toBeNaN();
    expect(parseIssueTime('29/02/2023')).toBeNaN();
    expect(parseIssueTime('29/02/2024')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIssueTime('01/01/2024 24:00')).toBeNaN();
  });

  it('reads a time without an offset as UTC, whatever the machine’s time zone', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(parseIssueTime('2023-08-26 06:33:37')).toBe(Date.UTC(2023, 7, 26, 6, 33, 37));
      expect(parseIssueTime('2024-03-10T02:30')).toBe(Date.UTC(2024, 2, 10, 2, 30));
      expect(parseIssueTime('2024-03-10T02:30:00-05:00')).toBe(Date.UTC(2024, 2, 10, 7, 30));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
