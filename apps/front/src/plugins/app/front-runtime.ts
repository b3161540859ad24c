import fp from 'fastify-plugin';
import type { FrontDeps } from '../../front-deps.js';
import { createFrontRuntime, type FrontRuntime } from '../../front-runtime.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The injected deps and the front's own state (metrics, delivery memory, decisions). */
    front: FrontRuntime;
  }
}

/** Decorates the instance with the front runtime built from the injected deps. */
export default fp<{ deps: FrontDeps }>(
  async (fastify, { deps }) => {
    fastify.decorate('front', createFrontRuntime(deps));
  },
  { name: 'front-runtime' },
);
