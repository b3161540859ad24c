/** Held-out share of a time split: the latest issues (the one place for this default). */
export const DEFAULT_TIME_HOLDOUT = 0.2;
/** Validation share (thresholds, early stopping): the latest issues before the held-out ones. */
export const DEFAULT_TIME_VALIDATION = 0.2;

export interface TimeSplit<T> {
  train: T[];
  validation: T[];
  test: T[];
  /** What ordered the issues: `created_at`, or `number` when some dates are missing or unreadable. */
  orderedBy: 'created_at' | 'number';
  /** First issue of the held-out part (its created_at or number), for the model card. */
  testFrom: string | null;
}

/**
 * Parses ISO 8601, or `DD/MM/YYYY[ hh:mm[:ss]]` as some exported sets write it; NaN otherwise. A time without
 * an offset is UTC (`Date.parse` would read `2023-08-26 06:33:37` in the machine's time zone, so the split's
 * order would depend on where it runs), and a day or month out of range is no date (not rolled over:
 * `12/31/2024` is not the 12th of a 31st month).
 */
export function parseIssueTime(value: string | null | undefined): number {
  if (!value) return Number.NaN;
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (dmy) {
    const [d, m = 0, y = 0, hh, mm, ss] = dmy.slice(1).map((part) => Number(part ?? 0));
    const time = Date.UTC(y, m - 1, d, hh, mm, ss);
    // Date.UTC rolls 31/02 over into March: a date that does not read back as written is none.
    const at = new Date(time);
    const readsBack =
      at.getUTCDate() === d &&
      at.getUTCMonth() === m - 1 &&
      at.getUTCHours() === hh &&
      at.getUTCMinutes() === mm &&
      at.getUTCSeconds() === ss;
    return readsBack ? time : Number.NaN;
  }
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(value))
    return Date.parse(`${value.replace(' ', 'T')}Z`);
  return Date.parse(value);
}

/**
 * Orders issues oldest first and cuts them into train | validation | test, so the model is judged
 * on issues newer than everything it learnt from (as it will be in service). Issue numbers break
 * ties, and order everything when a date is missing (numbers grow with creation in one repository).
 */
export function timeSplit<T extends { number: number; created_at: string | null }>(
  issues: readonly T[],
  holdout = DEFAULT_TIME_HOLDOUT,
  validation = DEFAULT_TIME_VALIDATION,
): TimeSplit<T> {
  const times = new Map(issues.map((issue) => [issue, parseIssueTime(issue.created_at)]));
  const byDate = issues.every((issue) => Number.isFinite(times.get(issue)));
  const sorted = [...issues].sort((a, b) => (byDate ? times.get(a)! - times.get(b)! : 0) || a.number - b.number);
  const testCount = Math.round(sorted.length * holdout);
  const rest = sorted.length - testCount;
  const validationCount = Math.round(rest * validation);
  const test = sorted.slice(rest);
  const first = test[0];
  return {
    train: sorted.slice(0, rest - validationCount),
    validation: sorted.slice(rest - validationCount, rest),
    test,
    orderedBy: byDate ? 'created_at' : 'number',
    testFrom: first ? (byDate ? (first.created_at ?? null) : `#${first.number}`) : null,
  };
}
