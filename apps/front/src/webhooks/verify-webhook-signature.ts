import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureVerdict = { ok: true } | { ok: false; reason: 'missing' | 'sha1-only' | 'mismatch' };

const SHA256_HEADER = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks `X-Hub-Signature-256`: the HMAC-SHA256 of the raw body bytes exactly as received (never a decoded
 * string, where invalid UTF-8 would collapse to U+FFFD), compared in constant time. A delivery carrying only
 * the SHA-1 `X-Hub-Signature` is refused: SHA-1 is what the original bot accepted and could switch off.
 */
export function verifyWebhookSignature(
  secret: string,
  rawBody: Buffer,
  headers: { sha256?: string | undefined; sha1?: string | undefined },
): SignatureVerdict {
  if (!headers.sha256) return { ok: false, reason: headers.sha1 ? 'sha1-only' : 'missing' };
  const given = SHA256_HEADER.exec(headers.sha256)?.[1];
  if (!given) return { ok: false, reason: 'mismatch' };
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
