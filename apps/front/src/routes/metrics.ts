import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponseSchema } from '../schemas/error-response.js';

/** `GET /metrics` (Prometheus text); behind `Authorization: Bearer $METRICS_TOKEN` when that is set. */
const metrics: FastifyPluginAsyncTypebox = async (fastify) => {
  const { front } = fastify;
  const token = front.config.metricsToken ? Buffer.from(`Bearer ${front.config.metricsToken}`) : null;
  fastify.get(
    '/metrics',
    {
      schema: {
        headers: Type.Object({ authorization: Type.Optional(Type.String()) }),
        response: { 200: Type.String(), 401: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      if (token) {
        const given = Buffer.from(request.headers.authorization ?? '');
        if (given.length !== token.length || !timingSafeEqual(given, token)) {
          return reply
            .code(401)
            .send({ statusCode: 401, error: 'Unauthorized', message: 'a bearer token is required' });
        }
      }
      reply.header('content-type', front.registry.contentType);
      return front.registry.metrics();
    },
  );
};

export default metrics;
