import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';

/** The one error handler: the error's own message below 500, a generic one (and a log line) above. */
export default fp(
  async (fastify) => {
    fastify.setErrorHandler((error: FastifyError, request, reply) => {
      const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (statusCode >= 500) {
        request.log.error({ err: error }, 'request failed');
        return reply.code(statusCode).send({ statusCode, error: 'Internal Server Error', message: 'internal error' });
      }
      request.log.info({ statusCode, message: error.message }, 'request refused');
      return reply.code(statusCode).send({ statusCode, error: reasonOf(statusCode), message: error.message });
    });
  },
  { name: 'error-handler' },
);

function reasonOf(statusCode: number): string {
  const reasons: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    404: 'Not Found',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    429: 'Too Many Requests',
  };
  return reasons[statusCode] ?? 'Error';
}
