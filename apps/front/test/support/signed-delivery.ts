import { createHmac, randomUUID } from 'node:crypto';

export const TEST_SECRET = 'front-test-secret';

export interface DeliveryOptions {
  event: string;
  delivery?: string;
  secret?: string;
  /** `sha256` (default), `sha1` (only the legacy header), `none`, or a literal header value. */
  signature?: 'sha256' | 'sha1' | 'none' | { value: string };
  /** Send these bytes instead of JSON.stringify(payload). */
  raw?: string;
}

/** An `inject`/fetch-ready webhook request signed the way GitHub signs. */
export function signedDelivery(payload: unknown, options: DeliveryOptions) {
  const body = options.raw ?? JSON.stringify(payload);
  const secret = options.secret ?? TEST_SECRET;
  const hmac = (algorithm: string) => createHmac(algorithm, secret).update(body).digest('hex');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': options.event,
    'x-github-delivery': options.delivery ?? randomUUID(),
  };
  const kind = options.signature ?? 'sha256';
  if (kind === 'sha256') headers['x-hub-signature-256'] = `sha256=${hmac('sha256')}`;
  else if (kind === 'sha1') headers['x-hub-signature'] = `sha1=${hmac('sha1')}`;
  else if (kind !== 'none') headers['x-hub-signature-256'] = kind.value;
  return { method: 'POST' as const, url: '/api/github/webhooks', headers, payload: body };
}
