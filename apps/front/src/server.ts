import closeWithGrace from 'close-with-grace';
import { buildApp, type FrontApp } from './app.js';
import { FRONT_DEFAULTS } from './config/front-defaults.js';
import type { FrontDeps } from './front-deps.js';

export interface StartServerOptions {
  port: number;
  host: string;
  /** Runs after the server stopped accepting and drained (close the publisher, the watcher, a worker). */
  onClose?: () => Promise<void>;
  /** Install SIGINT/SIGTERM handlers (off for in-process benchmarks and tests). */
  handleSignals?: boolean;
}

export interface RunningServer {
  app: FrontApp;
  /** `http://host:port` actually bound. */
  url: string;
  close(): Promise<void>;
}

/** The only place the front listens: timeouts, then graceful shutdown on SIGTERM/SIGINT. */
export async function startServer(deps: FrontDeps, options: StartServerOptions): Promise<RunningServer> {
  const app = await buildApp(deps, {
    requestTimeout: FRONT_DEFAULTS.requestTimeoutMs,
    connectionTimeout: FRONT_DEFAULTS.requestTimeoutMs,
    keepAliveTimeout: FRONT_DEFAULTS.keepAliveTimeoutMs,
  });
  // Closing the server closes the idle keep-alive connections once; a connection whose request is in flight
  // would stay open after its response until keepAliveTimeout (620 s), well past the grace, and the process be
  // killed before onClose ran. Responses sent while closing close their connection instead.
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      await app.close();
      await options.onClose?.();
    })();
    return closed;
  };
  if (options.handleSignals ?? true) {
    const grace = closeWithGrace({ delay: FRONT_DEFAULTS.closeGraceMs }, async ({ signal, err }) => {
      if (err) deps.logger.error({ err }, 'shutting down after an error');
      else deps.logger.info({ signal }, 'shutting down');
      await close();
    });
    app.addHook('onClose', async () => grace.uninstall());
  }
  const address = await app.listen({ port: options.port, host: options.host });
  return { app, url: address, close };
}
