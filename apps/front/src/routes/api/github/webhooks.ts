import { performance } from 'node:perf_hooks';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Logger } from '@labelbot/telemetry';
import { Type } from 'typebox';
import { FRONT_DEFAULTS } from '../../../config/front-defaults.js';
import { webhookEventLabel } from '../../../metrics/webhook-event-label.js';
import { ErrorResponseSchema } from '../../../schemas/error-response.js';
import { DeliveryResultSchema } from '../../../webhooks/delivery-result.js';
import { handleDelivery } from '../../../webhooks/handle-delivery.js';
import { verifyWebhookSignature } from '../../../webhooks/verify-webhook-signature.js';

const FORM = 'application/x-www-form-urlencoded';

const Headers = Type.Object({
  'x-github-event': Type.Optional(Type.String()),
  'x-github-delivery': Type.Optional(Type.String()),
  'x-hub-signature-256': Type.Optional(Type.String()),
  'x-hub-signature': Type.Optional(Type.String()),
});

/** `POST /api/github/webhooks`: signature first (on the raw bytes), then JSON, de-duplication, dispatch. */
const webhooks: FastifyPluginAsyncTypebox = async (fastify) => {
  const { front } = fastify;
  // Keep the raw bytes: the signature covers them exactly, and nothing is parsed before it is checked.
  // GitHub sends JSON, or `payload=<JSON>` form-encoded when the webhook's content type is set to that.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    ['application/json', FORM],
    { parseAs: 'buffer', bodyLimit: FRONT_DEFAULTS.bodyLimitBytes },
    (_request, body, done) => done(null, body),
  );

  fastify.post(
    '/webhooks',
    {
      schema: {
        headers: Headers,
        response: {
          200: DeliveryResultSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          500: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const started = performance.now();
      const event = request.headers['x-github-event'] ?? 'unknown';
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      // Metrics and refusal logs carry a bounded label, never the header's text (see webhook-event-label.ts).
      let eventLabel = webhookEventLabel(event, false);
      const refuse = (code: 400 | 401, outcome: string, message: string) => {
        front.metrics.webhookDeliveries.inc({ event: eventLabel, outcome });
        request.log.warn({ event: eventLabel, outcome, statusCode: code }, message);
        return reply
          .code(code)
          .send({ statusCode: code, error: code === 401 ? 'Unauthorized' : 'Bad Request', message });
      };

      const verdict = verifyWebhookSignature(front.config.webhookSecret, raw, {
        sha256: request.headers['x-hub-signature-256'],
        sha1: request.headers['x-hub-signature'],
      });
      if (!verdict.ok) {
        front.metrics.signatureRejections.inc({ reason: verdict.reason });
        return refuse(401, 'unauthorized', `signature refused (${verdict.reason}): sign with X-Hub-Signature-256`);
      }
      eventLabel = webhookEventLabel(event, true);
      const deliveryId = request.headers['x-github-delivery'];
      if (!deliveryId) return refuse(400, 'malformed', 'X-GitHub-Delivery header is missing');
      const form = request.headers['content-type']?.toLowerCase().startsWith(FORM) === true;
      const text = form ? new URLSearchParams(raw.toString('utf8')).get('payload') : raw.toString('utf8');
      if (text === null) return refuse(400, 'malformed', 'the form-encoded body has no payload field');
      let payload: unknown;
      try {
        payload = JSON.parse(text);
      } catch (error) {
        return refuse(400, 'malformed', `the body is not valid JSON: ${(error as Error).message}`);
      }
      // A redelivery racing the first attempt waits for it: answered as a duplicate only once that one succeeded.
      // Its budget still counts from its own arrival (GitHub's 10 s do).
      const receivedAt = front.clock();
      if (!(await front.deliveries.claim(deliveryId))) {
        front.metrics.webhookDeliveries.inc({ event: eventLabel, outcome: 'duplicate' });
        const action = (payload as { action?: unknown } | null)?.action;
        const name = typeof action === 'string' ? `${event}.${action}` : event;
        request.log.info({ deliveryId, event: name }, 'duplicate delivery ignored');
        return { delivery: deliveryId, event: name, outcome: 'duplicate' as const };
      }

      // Fastify types its logger narrowly; the instance is the injected pino logger.
      const log = request.log.child({ deliveryId }) as unknown as Logger;
      try {
        const result = await handleDelivery(front, { id: deliveryId, event, payload, receivedAt, log });
        front.deliveries.settle(deliveryId);
        front.metrics.webhookDeliveries.inc({ event: eventLabel, outcome: result.outcome });
        front.metrics.webhookDuration.observe(
          { event: eventLabel, path: result.path ?? 'none' },
          (performance.now() - started) / 1000,
        );
        return result;
      } catch (error) {
        // Forget the id so GitHub's redelivery of this event is handled, not dropped as a duplicate.
        front.deliveries.release(deliveryId);
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 400) return refuse(400, 'malformed', (error as Error).message);
        front.metrics.webhookDeliveries.inc({ event: eventLabel, outcome: 'failed' });
        throw error;
      }
    },
  );
};

export default webhooks;
