import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';

/** @fastify/rate-limit, off by default; routes opt in with `config.rateLimit`. */
export default fp(
  async (fastify) => {
    await fastify.register(rateLimit, { global: false });
  },
  { name: 'rate-limit' },
);
