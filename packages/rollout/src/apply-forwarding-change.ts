import { diffLines } from './diff-lines.js';
import type { ForwardingConfig } from './forwarding-config.js';
import type { ForwardingSnapshot, ForwardingSource } from './forwarding-source.js';
import { parseForwardingConfig } from './parse-forwarding-config.js';
import type { RolloutTarget } from './parse-rollout-target.js';
import { setForwardingProbability } from './set-forwarding-probability.js';

/** What a change did (or, in a dry run, would do). */
export interface ForwardingChange {
  before: ForwardingSnapshot;
  /** The written snapshot; null in a dry run or when nothing changed. */
  after: ForwardingSnapshot | null;
  /** The target's own entry before the change (undefined when it had none). */
  previous: number | undefined;
  config: ForwardingConfig;
  diff: string[];
}

/** The target's own entry in a config (not the org fallback), matched case-insensitively. */
export function entryOf(config: ForwardingConfig, target: RolloutTarget): number | undefined {
  const wanted = target.name.toLowerCase();
  const found = Object.entries(config[target.section]).find(([name]) => name.toLowerCase() === wanted);
  return found?.[1];
}

/**
 * Reads the source, sets the target's probability, validates the result and writes it with the
 * version that was read, so a concurrent edit makes the write fail instead of being overwritten.
 * Pass `readAt` when a decision was made on an earlier read: the write is then conditional on it.
 */
export async function applyForwardingChange(
  source: ForwardingSource,
  target: RolloutTarget,
  probability: number,
  options: { dryRun?: boolean; readAt?: ForwardingSnapshot } = {},
): Promise<ForwardingChange> {
  const before = options.readAt ?? (await source.read());
  const previous = previousEntry(before.text, target);
  const edit = setForwardingProbability(before.text, target, probability, source.description);
  const diff = diffLines(before.text, edit.text);
  const changed = edit.text !== before.text;
  const after = changed && !options.dryRun ? await source.write(edit.text, before.version) : null;
  return { before, after, previous, config: edit.config, diff };
}

function previousEntry(text: string, target: RolloutTarget): number | undefined {
  try {
    return entryOf(parseForwardingConfig(text), target);
  } catch {
    return undefined; // an invalid file may be the one being repaired; the edited text is validated
  }
}
