import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

/** `GET /healthz` (the process answers) and `GET /readyz` (model loaded, not shutting down). */
const health: FastifyPluginAsyncTypebox = async (fastify) => {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.get('/healthz', { schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));
  const Ready = Type.Object({ status: Type.String(), model: Type.String(), version: Type.String() });
  fastify.get('/readyz', { schema: { response: { 200: Ready, 503: Ready } } }, async (_request, reply) => {
    const { manifest } = fastify.front.model;
    const body = { model: `${manifest.name}@${manifest.version}`, version: fastify.front.version };
    return closing ? reply.code(503).send({ status: 'closing', ...body }) : { status: 'ready', ...body };
  });
};

export default health;
