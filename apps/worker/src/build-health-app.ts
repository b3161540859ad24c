import type { Registry } from '@labelbot/telemetry';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * `/healthz` (alive: fails once the worker can never pull again, so Kubernetes restarts it), `/readyz`
 * (pulling messages), `/metrics` (Prometheus); no side effects, tests use inject.
 */
export function buildHealthApp(options: {
  registry: Registry;
  ready: () => boolean;
  alive?: () => boolean;
}): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/healthz', async (_request, reply) => {
    const alive = options.alive?.() ?? true;
    return reply.code(alive ? 200 : 503).send({ status: alive ? 'ok' : 'failed' });
  });
  app.get('/readyz', async (_request, reply) => {
    const ready = options.ready();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_request, reply) =>
    reply.header('content-type', options.registry.contentType).send(await options.registry.metrics()),
  );
  return app;
}
