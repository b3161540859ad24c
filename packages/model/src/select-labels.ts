import { compareCodeUnits } from './compare-code-units.js';
import { mapLabel } from './map-label.js';

/**
 * Labels that record workflow, state or a triage decision (priority, size, who may take it) rather
 * than what an issue is about; not worth predicting. Case-insensitive globs (`*` matches anything,
 * `/` included). The one place for this default.
 */
export const DEFAULT_EXCLUDE_PATTERNS: readonly string[] = [
  'stale',
  'done',
  'duplicate',
  'invalid',
  'wontfix',
  "won't fix",
  'blocked',
  'accepted',
  '*-accepted',
  'triage/*',
  '*triage*',
  'lifecycle/*',
  'status*',
  '*resolution*',
  'needs*',
  'waiting*',
  'frozenduetoage',
  'fixpending',
  'investigate',
  'help wanted',
  'good first issue',
  'good second issue',
  'priority*',
  'p0',
  'p1',
  'p2',
  'p3',
  'size/*',
  'cost *',
  'release-blocker',
];

/** Labels with fewer examples than this are not trained (the one place for this default). */
export const DEFAULT_MIN_COUNT = 20;

export interface SelectLabelsOptions {
  /** Minimum issues per label (after mapping). */
  minCount?: number;
  /** Glob patterns of labels never predicted; replaces DEFAULT_EXCLUDE_PATTERNS when given. */
  exclude?: readonly string[];
  /** Explicit label set (`--labels`): used as given, neither pattern nor count applies. */
  labels?: readonly string[];
  /** `--map from=to`: merge or rename labels before counting. */
  map?: Record<string, string>;
}

export type ExclusionReason = 'workflow label' | 'too few examples' | 'not in --labels';

export interface LabelSelection {
  /** Labels to train, most frequent first (ties by name). */
  labels: string[];
  /** Issues per (mapped) label, every label seen. */
  counts: Record<string, number>;
  /** Every label seen but not selected, with the reason (what the model card lists). */
  excluded: { label: string; count: number; reason: ExclusionReason; pattern?: string }[];
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * Whether a label is workflow state under `exclude` (default DEFAULT_EXCLUDE_PATTERNS). An issue
 * whose labels are all workflow labels was never triaged for content: it is no negative example.
 */
export function workflowLabelMatcher(
  exclude: readonly string[] = DEFAULT_EXCLUDE_PATTERNS,
): (label: string) => boolean {
  const patterns = exclude.filter(Boolean).map(globToRegExp);
  return (label) => patterns.some((re) => re.test(label));
}

/** Chooses the labels a repository model learns: mapped, not workflow state, frequent enough. */
export function selectLabels(
  issues: readonly { labels: readonly string[] }[],
  options: SelectLabelsOptions = {},
): LabelSelection {
  const map = options.map ?? {};
  // No prototype: a label named `constructor` counts from 0, and `in` sees only labels seen.
  const counts: Record<string, number> = Object.create(null);
  for (const issue of issues) {
    for (const label of new Set(issue.labels.map((l) => mapLabel(map, l)))) counts[label] = (counts[label] ?? 0) + 1;
  }
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  const patterns = (options.exclude ?? DEFAULT_EXCLUDE_PATTERNS)
    .filter(Boolean)
    .map((p) => ({ p, re: globToRegExp(p) }));
  const requested = options.labels ? new Set(options.labels) : null;
  const byFrequency = Object.keys(counts).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || compareCodeUnits(a, b));
  const labels: string[] = [];
  const excluded: LabelSelection['excluded'] = [];
  for (const label of byFrequency) {
    const count = counts[label] ?? 0;
    if (requested) {
      if (requested.has(label)) labels.push(label);
      else excluded.push({ label, count, reason: 'not in --labels' });
      continue;
    }
    const match = patterns.find(({ re }) => re.test(label));
    if (match) excluded.push({ label, count, reason: 'workflow label', pattern: match.p });
    else if (count < minCount) excluded.push({ label, count, reason: 'too few examples' });
    else labels.push(label);
  }
  // Requested labels never seen still get an output (they will get no threshold).
  if (requested) for (const label of requested) if (!(label in counts)) labels.push(label);
  return { labels, counts, excluded };
}
