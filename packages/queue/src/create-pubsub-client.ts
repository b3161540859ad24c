import { PubSub } from '@google-cloud/pubsub';

export interface PubSubClientOptions {
  projectId: string;
  /**
   * `host:port` of a Pub/Sub emulator. When absent the library reads `PUBSUB_EMULATOR_HOST`
   * itself, and otherwise talks to Google with application default credentials.
   */
  emulatorHost?: string;
}

/** One place that turns our options into a `PubSub` client (emulator host passed explicitly, never via env). */
export function createPubSubClient(options: PubSubClientOptions): PubSub {
  if (options.emulatorHost) {
    // The universe domain spares the auth library a probe of the GCE metadata server per client.
    return new PubSub({
      projectId: options.projectId,
      apiEndpoint: options.emulatorHost,
      emulatorMode: true,
      universeDomain: 'googleapis.com',
    });
  }
  return new PubSub({ projectId: options.projectId });
}
