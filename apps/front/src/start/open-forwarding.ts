import { emptyForwardingConfig, type ForwardingConfig, watchForwardingConfig } from '@labelbot/rollout';
import type { Logger } from '@labelbot/telemetry';
import { FrontConfigError } from '../config/front-config-error.js';
import type { FrontMetrics } from '../metrics/create-front-metrics.js';

/** The forwarding file, watched and hot-reloaded (reloads counted), or "all generic" when none is set. */
export function openForwarding(
  path: string | null,
  logger: Logger,
  metrics: FrontMetrics,
): { current(): ForwardingConfig; close(): void } {
  if (!path) {
    logger.info('FORWARDING_CONFIG not set: every issue takes the generic path');
    const empty = emptyForwardingConfig();
    return { current: () => empty, close: () => {} };
  }
  try {
    return watchForwardingConfig({
      path,
      logger,
      onReload: () => metrics.configReloads.inc({ result: 'ok' }),
      onError: () => metrics.configReloads.inc({ result: 'invalid' }),
    });
  } catch (error) {
    throw new FrontConfigError([`FORWARDING_CONFIG (${path}) is invalid: ${(error as Error).message}`]);
  }
}
