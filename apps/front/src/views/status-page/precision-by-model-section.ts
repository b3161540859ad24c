import { observedPrecision } from '@labelbot/rollout';
import { escapeHtml } from './escape-html.js';
import type { StatusSection } from './status-view.js';

const HEAD = ['repository', 'path', 'model', 'precision', 'samples', 'removed']
  .map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`)
  .join('');

/**
 * Observed precision per repository, path and model (`target@version`): what the rollout table's
 * totals are made of, so a new repository model version can be judged on its own samples.
 * Forwarded feedback is attributed to the version the worker served when the label was removed
 * or added (see the README's rollout section); `unknown` is feedback whose model was not learnt.
 */
export const precisionByModelSection: StatusSection = ({ observedPrecision: rows }) => {
  const body = rows.flatMap((row) =>
    (['forwarded', 'generic'] as const).flatMap((path) =>
      row[path].models.map((counts) => {
        const precision = observedPrecision(counts);
        return [row.repo, path, counts.model, precision === null ? '—' : precision.toFixed(3)]
          .concat(String(counts.applied), String(counts.removed))
          .map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`))
          .join('');
      }),
    ),
  );
  return {
    title: 'Observed precision per model version',
    html:
      body.length > 0
        ? `<table id="precision-by-model"><thead><tr>${HEAD}</tr></thead><tbody>${body.map((row) => `<tr>${row}</tr>`).join('')}</tbody></table>`
        : '<p id="precision-by-model">No labels applied or removed yet.</p>',
  };
};
