import type { ForwardingChange } from './apply-forwarding-change.js';
import type { RolloutTarget } from './parse-rollout-target.js';

/**
 * What `rollout set|ramp` prints: `<source>: set repos.a/b 0.25 -> 0.5 (resourceVersion 12 -> 13)`,
 * then the diff (nothing more when the value was already there).
 */
export function formatForwardingChange(
  description: string,
  target: RolloutTarget,
  probability: number,
  change: ForwardingChange,
  dryRun = false,
): string {
  const from = change.previous === undefined ? '(none)' : String(change.previous);
  const unchanged = change.diff.every((line) => line.startsWith('  '));
  const verb = unchanged ? 'unchanged' : dryRun ? 'would set' : 'set';
  const revisions =
    change.after?.revision && change.before.revision
      ? ` (resourceVersion ${change.before.revision} -> ${change.after.revision})`
      : '';
  const head = `${description}: ${verb} ${target.section}.${target.name} ${from} -> ${probability}${revisions}\n`;
  return unchanged ? head : `${head}${change.diff.join('\n')}\n`;
}
