import type { FrontRuntime } from '../front-runtime.js';
import type { Delivery } from './delivery.js';
import type { DeliveryResult } from './delivery-result.js';
import { handleIssuesEvent } from './handle-issues-event.js';
import { installationPayload, issuesPayload } from './issues-payload-schema.js';

/** A payload that parsed as JSON but lacks what its event must carry. */
export class MalformedPayloadError extends Error {
  override readonly name = 'MalformedPayloadError';
  readonly statusCode = 400;
}

/** Dispatches a verified delivery by event name. */
export async function handleDelivery(front: FrontRuntime, delivery: Delivery): Promise<DeliveryResult> {
  const head = { delivery: delivery.id, event: delivery.event };
  switch (delivery.event) {
    case 'ping':
      return { ...head, outcome: 'accepted', reason: 'pong' };
    case 'issues': {
      if (!issuesPayload.Check(delivery.payload)) throw malformed(delivery.event);
      return handleIssuesEvent(front, delivery, delivery.payload);
    }
    case 'installation':
    case 'installation_repositories': {
      if (!installationPayload.Check(delivery.payload)) throw malformed(delivery.event);
      const { action, installation, sender } = delivery.payload;
      front.metrics.installationEvents.inc({ event: delivery.event, action });
      delivery.log.info(
        { action, installationId: installation.id, account: installation.account?.login, sender: sender.login },
        'installation event',
      );
      return { ...head, event: `${delivery.event}.${action}`, outcome: 'accepted', reason: 'installation' };
    }
    default:
      return { ...head, outcome: 'ignored', reason: 'event-not-handled' };
  }
}

function malformed(event: string): MalformedPayloadError {
  return new MalformedPayloadError(`the ${event} payload lacks required fields`);
}
