import { type ObservedFeedback, observedPrecision } from './observed-feedback.js';

/**
 * A plain-text table of observed precision per repository and path:
 * `repository  path  precision  applied  removed`, repositories sorted, `-` when nothing applied.
 */
export function formatFeedbackTable(feedback: ObservedFeedback): string[] {
  const rows = [['repository', 'path', 'precision', 'applied', 'removed']];
  for (const repo of [...feedback.keys()].sort()) {
    const entry = feedback.get(repo);
    if (!entry) continue;
    for (const path of ['forwarded', 'generic'] as const) {
      const { applied, removed } = entry[path];
      if (applied === 0 && removed === 0) continue;
      const precision = observedPrecision(entry[path]);
      rows.push([repo, path, precision === null ? '-' : precision.toFixed(3), String(applied), String(removed)]);
    }
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (column >= 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
