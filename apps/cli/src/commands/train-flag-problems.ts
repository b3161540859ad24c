/** The `labelbot train` flags whose values are checked before any input is read. */
export interface TrainFlagValues {
  seed?: string;
  dim?: string;
  epochs?: string;
  buckets?: string;
  ensemble?: string;
  'joined-title-words'?: string;
  lr?: string;
  'linear-share'?: string;
  'nb-linear'?: string;
  'nb-labels'?: string;
  'nb-bag'?: string;
  labels?: string;
  map?: string[];
  'created-at'?: string;
}

/**
 * What is wrong with the trainer's flag values, one line per flag: a value the trainer would
 * silently misuse (a fractional width, a duplicate label, a created-at that becomes the version,
 * i.e. a store path) is a usage error, not a bundle that fails to load or lands elsewhere.
 */
export function trainFlagProblems(values: TrainFlagValues): string[] {
  const problems: string[] = [];
  const check = (flag: keyof TrainFlagValues, ok: (n: number) => boolean, expected: string) => {
    const given = values[flag] as string | undefined;
    if (given !== undefined && !(given.trim() !== '' && ok(Number(given))))
      problems.push(`--${flag} must be ${expected}, got "${given}"`);
  };
  const whole = (min: number) => (n: number) => Number.isInteger(n) && n >= min;
  check('seed', whole(0), 'a whole number >= 0');
  for (const flag of ['dim', 'epochs', 'buckets', 'ensemble'] as const) check(flag, whole(1), 'a whole number >= 1');
  check('joined-title-words', whole(0), 'a whole number >= 0');
  check('lr', (n) => n > 0 && Number.isFinite(n), 'a number > 0');
  check('linear-share', (n) => n >= 0 && n <= 1, 'a number with 0 <= x <= 1');
  for (const flag of ['nb-linear', 'nb-labels', 'nb-bag'] as const) check(flag, Number.isFinite, 'a number');
  if (values.labels !== undefined) {
    const labels = values.labels.split(',').map((l) => l.trim());
    if (labels.some((l) => l === '') || new Set(labels).size !== labels.length)
      problems.push(`--labels must be distinct, non-empty label names separated by commas, got "${values.labels}"`);
  }
  for (const pair of (values.map ?? []).flatMap((m) => m.split(','))) {
    const sides = pair.split('=').map((side) => side.trim());
    if (sides.length !== 2 || sides.includes('')) problems.push(`--map takes FROM=TO pairs, got "${pair}"`);
  }
  const createdAt = values['created-at'];
  if (
    createdAt !== undefined &&
    !(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/.test(createdAt) && Number.isFinite(Date.parse(createdAt)))
  )
    problems.push(`--created-at must be an ISO time in UTC like 2026-01-31T12:00:00Z, got "${createdAt}"`);
  return problems;
}
