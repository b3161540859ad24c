import { escapeHtml } from './escape-html.js';
import { precisionByModelSection } from './precision-by-model-section.js';
import { rolloutPrecisionSection } from './rollout-precision-section.js';
import type { StatusSection } from './status-view.js';

const table = (head: string[], rows: unknown[][]): string =>
  `<table><thead><tr>${head.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

export const modelSection: StatusSection = ({ model }) => ({
  title: 'Generic model',
  html:
    `<p id="model">${escapeHtml(model.name)} <code>${escapeHtml(model.version)}</code> created ${escapeHtml(model.createdAt)}</p>` +
    table(
      ['label', 'threshold'],
      model.thresholds.map(([label, t]) => [label, t === null ? 'never predicted' : t.toFixed(3)]),
    ) +
    (model.metrics.length > 0 ? table(['evaluation', 'value'], model.metrics) : ''),
});

export const rolloutSection: StatusSection = ({ rollout }) => ({
  title: 'Rollout (forwarded_repo.yaml)',
  html:
    table(
      ['entry', 'kind', 'forwarded probability'],
      [...rollout.orgs.map(([name, p]) => [name, 'org', p]), ...rollout.repos.map(([name, p]) => [name, 'repo', p])],
    ) +
    (rollout.unnamedRepos > 0
      ? `<p>${rollout.unnamedRepos} more repositories (not named here until an event shows them public).</p>`
      : ''),
});

export const countersSection: StatusSection = ({ counters }) => ({
  title: 'Counters since start',
  html: table(['counter', 'value'], counters),
});

export const decisionsSection: StatusSection = ({ decisions, dryRun }) => ({
  title: `Recent decisions${dryRun ? ' (dry run: nothing written to GitHub)' : ''}`,
  html: table(
    ['time', 'delivery', 'event', 'issue', 'path', 'model', 'predicted', 'applied'],
    decisions.map((d) => [
      d.at,
      d.deliveryId,
      d.event,
      d.issue ?? '(private repository)',
      d.queuedForRetry ? `${d.path} (queued for retry)` : d.fallback ? `${d.path} (fallback)` : d.path,
      d.model ?? '—',
      d.predicted.join(', ') || '—',
      `${d.applied.join(', ') || '—'}${d.dryRun && d.applied.length > 0 ? ' (dry run)' : ''}`,
    ]),
  ),
});

/** The page's sections in order; more views add theirs here. */
export const STATUS_SECTIONS: StatusSection[] = [
  modelSection,
  rolloutPrecisionSection,
  precisionByModelSection,
  countersSection,
  decisionsSection,
];
