import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import type { FrontDeps } from './front-deps.js';
import errorHandler from './plugins/app/error-handler.js';
import frontRuntime from './plugins/app/front-runtime.js';
import rateLimit from './plugins/external/rate-limit.js';
import webhooks from './routes/api/github/webhooks.js';
import predict from './routes/api/predict.js';
import health from './routes/health.js';
import metrics from './routes/metrics.js';
import statusPage from './routes/status-page.js';

/** Connection-level options only `server.ts` sets (timeouts); the rest is fixed here. */
export type ServerTuning = Pick<FastifyServerOptions, 'connectionTimeout' | 'requestTimeout' | 'keepAliveTimeout'>;

/** The front's Fastify instance, typed by its TypeBox schemas. */
export type FrontApp = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/**
 * Builds the front from injected deps. No I/O and no listening: tests call `inject` or `listen`
 * on the result; `server.ts` adds timeouts and graceful shutdown.
 */
export async function buildApp(deps: FrontDeps, tuning: ServerTuning = {}): Promise<FrontApp> {
  const app = Fastify({
    ...tuning,
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One log line per delivery (with its decision) is written by the handlers; per-request lines would double it.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    requestIdHeader: 'x-github-delivery',
    // request.ip (the rate limit's key) is the client's only as far as the deployment's proxies can be trusted.
    trustProxy: (_address: string, hop: number) => hop < deps.config.trustedProxyHops,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  await app.register(rateLimit);
  await app.register(frontRuntime, { deps });
  await app.register(errorHandler);

  await app.register(statusPage);
  await app.register(health);
  await app.register(metrics);
  await app.register(predict, { prefix: '/api' });
  await app.register(webhooks, { prefix: '/api/github' });
  return app;
}
