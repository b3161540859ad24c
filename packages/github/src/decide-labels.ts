import type { RepoConfig, SkipReason } from './types.js';

export interface LabelDecisionInput {
  /** Predicted labels that cleared their thresholds, before aliasing. */
  labels: string[];
  config: RepoConfig;
  /** Lower-cased labels on the issue now. */
  present: Set<string>;
  /** A single-class model's issue got a class since the event (`wasClassifiedMeanwhile`): add none. */
  classifiedMeanwhile?: boolean;
  /** Lower-cased labels someone other than the bot removed before. */
  removedByOthers: Set<string>;
  /** The repository's labels, lower-cased name → exact name; null when unknown (dry run without GitHub). */
  repoLabels: Map<string, string> | null;
}

export interface LabelDecision {
  /** Labels to add, in the repository's spelling. */
  apply: string[];
  /** Labels to create first (`create-labels`), a subset of `apply`. */
  create: string[];
  skipped: { label: string; reason: SkipReason }[];
  /** Aliased label → the predicted name it came from (for scores in the comment and log). */
  predictedAs: Map<string, string>;
}

/** The label rules, in order: enabled, alias, allow-list, already present, classified meanwhile, removed by a person, exists in the repo. */
export function decideLabels(input: LabelDecisionInput): LabelDecision {
  const { config } = input;
  const decision: LabelDecision = { apply: [], create: [], skipped: [], predictedAs: new Map() };
  const seen = new Set<string>();
  const allowed = config.predictedLabels ? new Set(config.predictedLabels.map((l) => l.toLowerCase())) : null;
  for (const predicted of input.labels) {
    const label = Object.hasOwn(config.labelAlias, predicted) ? (config.labelAlias[predicted] as string) : predicted;
    const key = label.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    decision.predictedAs.set(label, predicted);
    const skip = (reason: SkipReason) => decision.skipped.push({ label, reason });
    if (!config.enabled) skip('disabled');
    // The allow-list names the repository's labels, but the original bot's files also list predicted names.
    else if (allowed && !allowed.has(key) && !allowed.has(predicted.toLowerCase())) skip('not-allowed');
    else if (input.present.has(key)) skip('present');
    else if (input.classifiedMeanwhile) skip('classified-meanwhile');
    else if (input.removedByOthers.has(key)) skip('removed-by-human');
    else if (input.repoLabels && !input.repoLabels.has(key) && !config.createLabels) skip('missing-in-repo');
    else {
      const existing = input.repoLabels?.get(key);
      decision.apply.push(existing ?? label);
      if (input.repoLabels && !existing) decision.create.push(label);
    }
  }
  return decision;
}
