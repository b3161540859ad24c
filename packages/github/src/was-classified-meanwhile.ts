import type { RepoConfig } from './types.js';

export interface ClassifiedMeanwhileInput {
  /** The single-class model's classes, before aliasing (`LabelRequest.singleClass`); undefined = not single-class. */
  classes: string[] | undefined;
  labelAlias: RepoConfig['labelAlias'];
  /** Labels on the issue as the event saw them. */
  eventLabels: string[];
  /** Labels on the issue read from GitHub right before writing. */
  currentLabels: string[];
}

/**
 * True when a single-class model's issue got one of its classes after the event was sent: another delivery
 * (an `edited` racing the `opened`, in this process or another replica) or a person classified it meanwhile,
 * and adding a second class would contradict it.
 */
export function wasClassifiedMeanwhile(input: ClassifiedMeanwhileInput): boolean {
  if (!input.classes) return false;
  const classes = new Set(input.classes.map((c) => (input.labelAlias[c] ?? c).toLowerCase()));
  const seen = new Set(input.eventLabels.map((l) => l.toLowerCase()));
  return input.currentLabels.some((label) => classes.has(label.toLowerCase()) && !seen.has(label.toLowerCase()));
}
