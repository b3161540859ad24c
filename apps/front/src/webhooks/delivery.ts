import type { Logger } from '@labelbot/telemetry';

/** A verified, parsed webhook delivery. */
export interface Delivery {
  id: string;
  event: string;
  payload: unknown;
  receivedAt: Date;
  /** Carries the delivery id. */
  log: Logger;
}
