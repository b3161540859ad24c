import { observedPrecision, type PathFeedback } from '@labelbot/rollout';
import { escapeHtml } from './escape-html.js';
import type { StatusSection } from './status-view.js';

const HEAD = ['entry', 'kind', 'forwarded probability', 'forwarded precision', 'forwarded samples']
  .concat(['generic precision', 'generic samples'])
  .map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`)
  .join('');

/**
 * The rollout table: each entry of forwarded_repo.yaml with its probability, and each path's
 * observed precision, (applied − removed) / applied, with its sample size (labels applied).
 * Repositories with feedback but no entry of their own (and `other`) follow the entries.
 */
export const rolloutPrecisionSection: StatusSection = ({ rollout, observedPrecision: rows, precisionSource }) => {
  const byRepo = new Map(rows.map((row) => [row.repo.toLowerCase(), row]));
  const none = { applied: 0, removed: 0 };
  const line = (entry: string, kind: string, probability: number | null, paths = { forwarded: none, generic: none }) =>
    [entry, kind, probability === null ? '—' : String(probability)]
      .concat(cells(paths.forwarded), cells(paths.generic))
      .map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`))
      .join('');
  const named = new Set(rollout.repos.map(([name]) => name.toLowerCase()));
  const body = [
    ...rollout.orgs.map(([name, p]) => line(name, 'org', p)),
    ...rollout.repos.map(([name, p]) => line(name, 'repo', p, byRepo.get(name.toLowerCase()))),
    ...rows.filter((row) => !named.has(row.repo.toLowerCase())).map((row) => line(row.repo, 'no entry', null, row)),
  ];
  const hidden =
    rollout.unnamedRepos > 0
      ? `<p>${rollout.unnamedRepos} more repositories (not named here until an event shows them public; their feedback counts under <code>other</code>).</p>`
      : '';
  return {
    title: 'Rollout (forwarded_repo.yaml) and observed precision',
    html:
      `<table id="rollout"><thead><tr>${HEAD}</tr></thead><tbody>${body.map((row) => `<tr>${row}</tr>`).join('')}</tbody></table>` +
      `<p id="precision-source">Precision from ${escapeHtml(precisionSource ?? '')}, summed over model versions.</p>${hidden}`,
  };
};

function cells(feedback: PathFeedback): string[] {
  const precision = observedPrecision(feedback);
  return [precision === null ? '—' : precision.toFixed(3), String(feedback.applied)];
}
