import { LRUCache } from 'lru-cache';

/** Remembers recent X-GitHub-Delivery ids so a redelivered webhook is handled once. */
export interface DeliveryMemory {
  /**
   * Claims the id; resolves false when it was already handled. While another request is handling it, waits
   * for that one: false once it is handled, and the claim passes to this caller when that handling fails (a
   * redelivery that arrives while the first attempt is failing must not be answered as a duplicate).
   */
  claim(deliveryId: string): Promise<boolean>;
  /** Marks a claimed id handled: later claims of it resolve false. */
  settle(deliveryId: string): void;
  /** Releases a claim whose handling failed, so GitHub's redelivery is handled again. */
  release(deliveryId: string): void;
}

/** A bounded memory of handled ids (least recently seen are forgotten first), and the ids being handled. */
export function createDeliveryMemory(max: number): DeliveryMemory {
  const seen = new LRUCache<string, true>({ max });
  // Bounded by the requests in flight; settled or released by the request that claimed the id.
  const handling = new Map<string, { done: Promise<void>; finish(): void }>();
  const finish = (deliveryId: string) => {
    handling.get(deliveryId)?.finish();
    handling.delete(deliveryId);
  };
  return {
    async claim(deliveryId) {
      for (;;) {
        if (seen.has(deliveryId)) return false;
        const earlier = handling.get(deliveryId);
        if (!earlier) {
          let done!: () => void;
          handling.set(deliveryId, { done: new Promise<void>((resolve) => (done = resolve)), finish: () => done() });
          return true;
        }
        await earlier.done;
      }
    },
    settle(deliveryId) {
      seen.set(deliveryId, true);
      finish(deliveryId);
    },
    release(deliveryId) {
      seen.delete(deliveryId);
      finish(deliveryId);
    },
  };
}
