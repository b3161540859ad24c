import { type ObservedFeedback, observedPrecision, type PathFeedback } from './observed-feedback.js';

/**
 * A plain-text table of observed precision per repository and path:
 * `repository  path  model  precision  applied  removed`, repositories sorted, `-` when nothing
 * applied. Each path's total (model `*`, summed over versions) is followed by a row per model
 * version when the feedback was read by model.
 */
export function formatFeedbackTable(feedback: ObservedFeedback): string[] {
  const rows = [['repository', 'path', 'model', 'precision', 'applied', 'removed']];
  const row = (repo: string, path: string, model: string, counts: PathFeedback) => {
    const precision = observedPrecision(counts);
    const shown = precision === null ? '-' : precision.toFixed(3);
    rows.push([repo, path, model, shown, String(counts.applied), String(counts.removed)]);
  };
  for (const repo of [...feedback.keys()].sort()) {
    const entry = feedback.get(repo);
    if (!entry) continue;
    for (const path of ['forwarded', 'generic'] as const) {
      if (entry[path].applied === 0 && entry[path].removed === 0) continue;
      row(repo, path, '*', entry[path]);
      for (const model of [...entry[path].models.keys()].sort()) {
        const counts = entry[path].models.get(model);
        if (counts) row(repo, path, model, counts);
      }
    }
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((cells) => cells[column]?.length ?? 0))) ?? [];
  return rows.map((cells) =>
    cells
      .map((cell, column) => (column >= 3 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
