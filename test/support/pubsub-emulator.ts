import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

/**
 * The emulator started by global-setup.ts, or the reason it is absent.
 * Use as `describe.skipIf(!pubsub.host)` after logging `pubsub.absentReason`.
 */
export const pubsub = {
  host: inject('pubsubEmulatorHost'),
  absentReason: inject('pubsubEmulatorAbsentReason'),
};

if (!pubsub.host) console.warn(`[skip] ${pubsub.absentReason}`);

/** A project id no other test file uses, so files sharing the emulator never see each other's topics. */
export function uniqueProjectId(prefix = 'labelbot-test'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
