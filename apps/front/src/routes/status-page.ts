import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ADDED_KIND, REMOVED_KIND } from '@labelbot/rollout';
import type { Counter } from '@labelbot/telemetry';
import { Type } from 'typebox';
import type { FrontRuntime } from '../front-runtime.js';
import { createFeedbackReader, type FeedbackReading } from '../views/status-page/create-feedback-reader.js';
import { precisionRows } from '../views/status-page/precision-rows.js';
import { renderStatusPage } from '../views/status-page/render-status-page.js';
import type { StatusView } from '../views/status-page/status-view.js';

/** `GET /`: the status page (public: no private repository names or issue text). */
const statusPage: FastifyPluginAsyncTypebox = async (fastify) => {
  const { front } = fastify;
  const feedback = createFeedbackReader({
    registry: front.registry,
    prometheusUrl: front.config.prometheusUrl,
    logger: front.logger.child({ component: 'status-page' }),
  });
  fastify.get('/', { schema: { response: { 200: Type.String() } } }, async (_request, reply) => {
    reply.type('text/html; charset=utf-8');
    return renderStatusPage(await buildStatusView(front, await feedback.read()));
  });
};

export default statusPage;

/** Gathers the page's data from the runtime and the feedback read for it. */
export async function buildStatusView(front: FrontRuntime, feedback: FeedbackReading): Promise<StatusView> {
  const { manifest } = front.model;
  const forwarding = front.forwarding.current();
  const repos = Object.entries(forwarding.repos);
  const named = repos.filter(([name]) => front.visibility.isKnownPublic(name));
  const m = front.metrics;
  return {
    version: front.version,
    startedAt: front.startedAt.toISOString(),
    now: front.clock().toISOString(),
    dryRun: front.config.dryRun,
    model: {
      name: manifest.name,
      version: manifest.version,
      createdAt: manifest.createdAt,
      thresholds: manifest.labels.map((label) => [label, manifest.thresholds[label] ?? null]),
      metrics: flattenNumbers(manifest.metrics).slice(0, 20),
    },
    rollout: { orgs: Object.entries(forwarding.orgs), repos: named, unnamedRepos: repos.length - named.length },
    observedPrecision: precisionRows(feedback.feedback, (name) => front.visibility.isKnownPublic(name)),
    precisionSource: feedback.source,
    counters: [
      ['deliveries accepted', await sum(m.webhookDeliveries, { outcome: 'accepted' })],
      ['deliveries ignored', await sum(m.webhookDeliveries, { outcome: 'ignored' })],
      ['duplicate deliveries', await sum(m.webhookDeliveries, { outcome: 'duplicate' })],
      ['signatures refused', await sum(m.signatureRejections)],
      ['routed generic', await sum(m.routeDecisions, { path: 'generic' })],
      ['routed forwarded', await sum(m.routeDecisions, { path: 'forwarded' })],
      ['publish failures', await sum(m.publishFailures)],
      ['generic fallbacks', await sum(m.genericFallbacks)],
      ['labels applied', await sum(m.labelsApplied)],
      ['labels removed by people', await sum(m.labelFeedback, { kind: REMOVED_KIND })],
      ['labels added by people', await sum(m.labelFeedback, { kind: ADDED_KIND })],
      ['forwarding reloads failed', await sum(m.configReloads, { result: 'invalid' })],
    ],
    decisions: front.decisions.list(),
  };
}

async function sum(counter: Counter<string>, match: Record<string, string> = {}): Promise<number> {
  const { values } = await counter.get();
  return values
    .filter((value) => Object.entries(match).every(([key, wanted]) => value.labels[key] === wanted))
    .reduce((total, value) => total + value.value, 0);
}

/** Summary numbers of the manifest's metrics (`heldOut.top1.macroF1`, …); per-label and per-repo maps are left out. */
function flattenNumbers(record: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(record).flatMap(([key, value]): [string, string][] => {
    if (typeof value === 'number')
      return [[`${prefix}${key}`, Number.isInteger(value) ? String(value) : value.toFixed(3)]];
    if (value && typeof value === 'object' && !Array.isArray(value) && !PER_ITEM_MAPS.has(key)) {
      return flattenNumbers(value as Record<string, unknown>, `${prefix}${key}.`);
    }
    return [];
  });
}

const PER_ITEM_MAPS = new Set(['perLabel', 'perRepo']);
