import { describe, expect, it } from 'vitest';
import { pubsub } from './support/pubsub-emulator.js';

describe.skipIf(!pubsub.host)('Pub/Sub emulator', () => {
  it('answers on the host given to the tests', async () => {
    const response = await fetch(`http://${pubsub.host}/v1/projects/smoke/topics`);
    expect(response.status).toBe(200);
  });
});
