import { LRUCache } from 'lru-cache';

/** Remembers recent X-GitHub-Delivery ids so a redelivered webhook is handled once. */
export interface DeliveryMemory {
  /** Claims the id; false when it was already handled or is being handled. */
  claim(deliveryId: string): boolean;
  /** Releases a claim whose handling failed, so GitHub's redelivery is handled again. */
  release(deliveryId: string): void;
}

/** A bounded memory (least recently seen ids are forgotten first). */
export function createDeliveryMemory(max: number): DeliveryMemory {
  const seen = new LRUCache<string, true>({ max });
  return {
    claim(deliveryId) {
      if (seen.has(deliveryId)) return false;
      seen.set(deliveryId, true);
      return true;
    },
    release(deliveryId) {
      seen.delete(deliveryId);
    },
  };
}
