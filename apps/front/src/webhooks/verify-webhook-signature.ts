import type { Webhooks } from '@octokit/webhooks';

export type SignatureVerdict = { ok: true } | { ok: false; reason: 'missing' | 'sha1-only' | 'mismatch' };

/**
 * Checks `X-Hub-Signature-256` over the raw body. A delivery carrying only the SHA-1
 * `X-Hub-Signature` is refused: SHA-1 is what the original bot accepted and could switch off.
 */
export async function verifyWebhookSignature(
  webhooks: Pick<Webhooks, 'verify'>,
  rawBody: Buffer,
  headers: { sha256?: string | undefined; sha1?: string | undefined },
): Promise<SignatureVerdict> {
  if (!headers.sha256) return { ok: false, reason: headers.sha1 ? 'sha1-only' : 'missing' };
  if (!headers.sha256.startsWith('sha256=')) return { ok: false, reason: 'mismatch' };
  const valid = await webhooks.verify(rawBody.toString('utf8'), headers.sha256).catch(() => false);
  return valid ? { ok: true } : { ok: false, reason: 'mismatch' };
}
